package io.hcs4j.shim.runtime;

import java.time.Instant;

/** One process seen in a container: pid, command, start time, CPU (100 ns units) and working set. */
public record ProcessSample(int pid, String command, Instant startedAt, long userTime100ns, long kernelTime100ns,
        long workingSetBytes) {
}
