package io.hcs4j.cow;

import io.hcs4j.schema.v2.ProcessParameters;
import java.io.IOException;

/** Something that runs processes: a container, a compute system, a utility VM. */
public interface ProcessHost {
    /**
     * Creates and starts a process. For an OCI host ({@link #isOci()}) pass a
     * {@link io.hcs4j.schema.guest.GuestProcessParameters} whose {@code ociProcess} is the process spec, or
     * {@code null} for the container's init process; otherwise HCS {@link ProcessParameters}.
     */
    Process createProcess(ProcessParameters parameters) throws IOException;

    /** The operating system processes run on: {@code "linux"} or {@code "windows"}. */
    String os();

    /** Whether {@link #createProcess} takes an OCI process spec rather than HCS process parameters. */
    boolean isOci();
}
