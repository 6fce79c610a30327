package io.hcs4j.shim.runtime;

import java.io.IOException;
import java.util.List;

/**
 * A container, shaped like hcsshim's cow.Container (seed 003): a process host that can also pause, resume,
 * report its processes and statistics, and be torn down. The first process created is the init process.
 */
public interface RuntimeContainer extends AutoCloseable {
    String id();

    /** "linux" or "windows". */
    String os();

    RuntimeProcess createProcess(ProcessSpec spec) throws IOException;

    /** Freezes every process of the container. */
    void pause() throws IOException;

    void resume() throws IOException;

    /** Every process running in the container, init and execs and their children. */
    List<ProcessSample> processes();

    ContainerStats stats();

    /**
     * Applies new resource limits (the OCI LinuxResources / WindowsResources JSON containerd sends in Update).
     *
     * @throws UnsupportedOperationException with the reason, where the platform path cannot
     */
    void update(byte[] resourcesJson) throws IOException;

    /** Stops every process and releases the container's resources (rootfs, handles). */
    @Override
    void close();
}
