package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** HCS schema2 string type {@code hcsschema.CPUGroupOperation}: open like Go's named string, so values a newer host adds survive a round trip. */
public record CPUGroupOperation(@JsonValue String value) {
    public static final CPUGroupOperation CREATE_GROUP = new CPUGroupOperation("CreateGroup");
    public static final CPUGroupOperation DELETE_GROUP = new CPUGroupOperation("DeleteGroup");
    public static final CPUGroupOperation SET_PROPERTY = new CPUGroupOperation("SetProperty");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CPUGroupOperation of(String value) {
        return new CPUGroupOperation(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
