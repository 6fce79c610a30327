package io.hcs4j.schema.v1;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** HCS schema1 string type {@code schema1.RequestType}: open like Go's named string, so values a newer host adds survive a round trip. */
public record RequestType(@JsonValue String value) {
    public static final RequestType ADD = new RequestType("Add");
    public static final RequestType REMOVE = new RequestType("Remove");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RequestType of(String value) {
        return new RequestType(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
