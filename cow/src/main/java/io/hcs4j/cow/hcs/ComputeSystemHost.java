package io.hcs4j.cow.hcs;

import io.hcs4j.cow.Process;
import io.hcs4j.cow.ProcessHost;
import io.hcs4j.hcs.ComputeSystem;
import io.hcs4j.hcs.HcsException;
import io.hcs4j.schema.v2.ProcessParameters;
import java.io.IOException;

/**
 * Any HCS compute system (a container, a utility VM's host side) as a {@link ProcessHost}: processes are created by
 * HCS from {@link ProcessParameters}. The caller keeps owning the compute system handle.
 */
public final class ComputeSystemHost implements ProcessHost {
    private final ComputeSystem system;
    private final String os;

    /** {@code os} is what the system runs: "windows" or "linux". */
    public ComputeSystemHost(ComputeSystem system, String os) {
        if (!os.equals("windows") && !os.equals("linux")) {
            throw new IllegalArgumentException("os must be windows or linux: " + os);
        }
        this.system = system;
        this.os = os;
    }

    @Override
    public Process createProcess(ProcessParameters parameters) throws IOException {
        if (parameters == null) {
            throw new IllegalArgumentException("an HCS compute system needs process parameters");
        }
        return new HcsCowProcess(system.createProcess(parameters));
    }

    @Override
    public String os() {
        return os;
    }

    @Override
    public boolean isOci() {
        return false;
    }
}
