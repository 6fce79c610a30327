package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** HCS schema2 string type {@code hcsschema.FileSystemFilterType}: open like Go's named string, so values a newer host adds survive a round trip. */
public record FileSystemFilterType(@JsonValue String value) {
    public static final FileSystemFilterType UNION_FS = new FileSystemFilterType("UnionFS");
    public static final FileSystemFilterType WCIFS = new FileSystemFilterType("WCIFS");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static FileSystemFilterType of(String value) {
        return new FileSystemFilterType(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
