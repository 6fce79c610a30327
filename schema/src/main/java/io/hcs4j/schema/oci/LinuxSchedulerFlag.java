package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** OCI runtime spec string type {@code specs.LinuxSchedulerFlag}: open like Go's named string, so values a newer host adds survive a round trip. */
public record LinuxSchedulerFlag(@JsonValue String value) {
    public static final LinuxSchedulerFlag SCHED_FLAG_RESET_ON_FORK = new LinuxSchedulerFlag("SCHED_FLAG_RESET_ON_FORK");
    public static final LinuxSchedulerFlag SCHED_FLAG_RECLAIM = new LinuxSchedulerFlag("SCHED_FLAG_RECLAIM");
    public static final LinuxSchedulerFlag SCHED_FLAG_DL_OVERRUN = new LinuxSchedulerFlag("SCHED_FLAG_DL_OVERRUN");
    public static final LinuxSchedulerFlag SCHED_FLAG_KEEP_POLICY = new LinuxSchedulerFlag("SCHED_FLAG_KEEP_POLICY");
    public static final LinuxSchedulerFlag SCHED_FLAG_KEEP_PARAMS = new LinuxSchedulerFlag("SCHED_FLAG_KEEP_PARAMS");
    public static final LinuxSchedulerFlag SCHED_FLAG_UTIL_CLAMP_MIN = new LinuxSchedulerFlag("SCHED_FLAG_UTIL_CLAMP_MIN");
    public static final LinuxSchedulerFlag SCHED_FLAG_UTIL_CLAMP_MAX = new LinuxSchedulerFlag("SCHED_FLAG_UTIL_CLAMP_MAX");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static LinuxSchedulerFlag of(String value) {
        return new LinuxSchedulerFlag(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
