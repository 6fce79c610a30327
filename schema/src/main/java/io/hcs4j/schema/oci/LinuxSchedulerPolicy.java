package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** OCI runtime spec string type {@code specs.LinuxSchedulerPolicy}: open like Go's named string, so values a newer host adds survive a round trip. */
public record LinuxSchedulerPolicy(@JsonValue String value) {
    public static final LinuxSchedulerPolicy SCHED_OTHER = new LinuxSchedulerPolicy("SCHED_OTHER");
    public static final LinuxSchedulerPolicy SCHED_FIFO = new LinuxSchedulerPolicy("SCHED_FIFO");
    public static final LinuxSchedulerPolicy SCHED_RR = new LinuxSchedulerPolicy("SCHED_RR");
    public static final LinuxSchedulerPolicy SCHED_BATCH = new LinuxSchedulerPolicy("SCHED_BATCH");
    public static final LinuxSchedulerPolicy SCHED_ISO = new LinuxSchedulerPolicy("SCHED_ISO");
    public static final LinuxSchedulerPolicy SCHED_IDLE = new LinuxSchedulerPolicy("SCHED_IDLE");
    public static final LinuxSchedulerPolicy SCHED_DEADLINE = new LinuxSchedulerPolicy("SCHED_DEADLINE");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static LinuxSchedulerPolicy of(String value) {
        return new LinuxSchedulerPolicy(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
