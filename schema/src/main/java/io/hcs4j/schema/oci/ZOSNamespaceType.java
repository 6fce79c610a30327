package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** OCI runtime spec string type {@code specs.ZOSNamespaceType}: open like Go's named string, so values a newer host adds survive a round trip. */
public record ZOSNamespaceType(@JsonValue String value) {
    public static final ZOSNamespaceType PID = new ZOSNamespaceType("pid");
    public static final ZOSNamespaceType MOUNT = new ZOSNamespaceType("mount");
    public static final ZOSNamespaceType IPC = new ZOSNamespaceType("ipc");
    public static final ZOSNamespaceType UTS = new ZOSNamespaceType("uts");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ZOSNamespaceType of(String value) {
        return new ZOSNamespaceType(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
