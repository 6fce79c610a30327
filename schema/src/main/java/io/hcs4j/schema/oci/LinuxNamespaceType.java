package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** OCI runtime spec string type {@code specs.LinuxNamespaceType}: open like Go's named string, so values a newer host adds survive a round trip. */
public record LinuxNamespaceType(@JsonValue String value) {
    public static final LinuxNamespaceType PID = new LinuxNamespaceType("pid");
    public static final LinuxNamespaceType NETWORK = new LinuxNamespaceType("network");
    public static final LinuxNamespaceType MOUNT = new LinuxNamespaceType("mount");
    public static final LinuxNamespaceType IPC = new LinuxNamespaceType("ipc");
    public static final LinuxNamespaceType UTS = new LinuxNamespaceType("uts");
    public static final LinuxNamespaceType USER = new LinuxNamespaceType("user");
    public static final LinuxNamespaceType CGROUP = new LinuxNamespaceType("cgroup");
    public static final LinuxNamespaceType TIME = new LinuxNamespaceType("time");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static LinuxNamespaceType of(String value) {
        return new LinuxNamespaceType(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
