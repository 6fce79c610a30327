package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** OCI runtime spec string type {@code specs.LinuxSeccompAction}: open like Go's named string, so values a newer host adds survive a round trip. */
public record LinuxSeccompAction(@JsonValue String value) {
    public static final LinuxSeccompAction SCMP_ACT_KILL = new LinuxSeccompAction("SCMP_ACT_KILL");
    public static final LinuxSeccompAction SCMP_ACT_KILL_PROCESS = new LinuxSeccompAction("SCMP_ACT_KILL_PROCESS");
    public static final LinuxSeccompAction SCMP_ACT_KILL_THREAD = new LinuxSeccompAction("SCMP_ACT_KILL_THREAD");
    public static final LinuxSeccompAction SCMP_ACT_TRAP = new LinuxSeccompAction("SCMP_ACT_TRAP");
    public static final LinuxSeccompAction SCMP_ACT_ERRNO = new LinuxSeccompAction("SCMP_ACT_ERRNO");
    public static final LinuxSeccompAction SCMP_ACT_TRACE = new LinuxSeccompAction("SCMP_ACT_TRACE");
    public static final LinuxSeccompAction SCMP_ACT_ALLOW = new LinuxSeccompAction("SCMP_ACT_ALLOW");
    public static final LinuxSeccompAction SCMP_ACT_LOG = new LinuxSeccompAction("SCMP_ACT_LOG");
    public static final LinuxSeccompAction SCMP_ACT_NOTIFY = new LinuxSeccompAction("SCMP_ACT_NOTIFY");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static LinuxSeccompAction of(String value) {
        return new LinuxSeccompAction(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
