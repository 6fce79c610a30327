package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** OCI runtime spec string type {@code specs.IOPriorityClass}: open like Go's named string, so values a newer host adds survive a round trip. */
public record IOPriorityClass(@JsonValue String value) {
    public static final IOPriorityClass IOPRIO_CLASS_RT = new IOPriorityClass("IOPRIO_CLASS_RT");
    public static final IOPriorityClass IOPRIO_CLASS_BE = new IOPriorityClass("IOPRIO_CLASS_BE");
    public static final IOPriorityClass IOPRIO_CLASS_IDLE = new IOPriorityClass("IOPRIO_CLASS_IDLE");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static IOPriorityClass of(String value) {
        return new IOPriorityClass(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
