package io.hcs4j.shim.runtime.host;

import io.hcs4j.shim.runtime.ContainerBackend;
import io.hcs4j.shim.runtime.ContainerSpec;
import io.hcs4j.shim.runtime.RuntimeContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs a Linux container's processes directly on this Linux host, chrooted into the rootfs containerd
 * prepared. It is the task path that is real on Linux until the emulated LCOW utility VM (uvm + emulator
 * modules) is merged; it implements the same container/process interfaces that path will.
 */
public final class HostBackend implements ContainerBackend {

    @Override
    public String name() {
        return "host";
    }

    @Override
    public RuntimeContainer create(ContainerSpec spec) throws IOException {
        Path rootfs = spec.rootPath();
        boolean mounted = false;
        if (!spec.layers().isEmpty()) {
            RootfsMounts.mount(spec.layers(), rootfs);
            mounted = true;
        }
        if (!Files.isDirectory(rootfs)) {
            throw new IOException("rootfs " + rootfs + " is not a directory");
        }
        return new HostContainer(spec.id(), rootfs, mounted);
    }

    /**
     * Cleans what a dead shim may have left for a bundle: processes still chrooted into its rootfs (found by
     * their /proc/PID/root link) are killed, and the rootfs unmounted. Returns whether any process was killed.
     */
    public static boolean cleanupAfterDeadShim(Path rootfs) {
        String root;
        try {
            root = rootfs.toRealPath().toString();
        } catch (IOException e) {
            return false;
        }
        boolean killed = false;
        // Plain loops, no lambdas: delete runs on every teardown and must start fast.
        for (java.util.Iterator<ProcessHandle> it = ProcessHandle.allProcesses().iterator(); it.hasNext(); ) {
            ProcessHandle h = it.next();
            try {
                if (Files.readSymbolicLink(Path.of("/proc", Long.toString(h.pid()), "root")).toString().equals(root)) {
                    killed |= h.destroyForcibly();
                }
            } catch (IOException | UnsupportedOperationException | SecurityException ignored) {
                // gone already, or not ours to read
            }
        }
        if (RootfsMounts.isMountPoint(rootfs)) {
            RootfsMounts.unmount(rootfs);
        }
        return killed;
    }
}
