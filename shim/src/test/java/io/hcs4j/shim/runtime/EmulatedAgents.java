package io.hcs4j.shim.runtime;

import io.hcs4j.platform.PrivateDirectory;
import io.hcs4j.uvm.transport.HvSocketDirs;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The emulator's guest agent of a VM, as the tests find it: from the record the emulator keeps of each running guest
 * (its state directory, {@code HCS4J_EMULATOR_STATE} or {@code <runtime base>/emulator}), whether the agent was
 * started for the VM or taken from the pool of ready agents, and whether a pooled one went back to the pool.
 */
public final class EmulatedAgents {
    private EmulatedAgents() {
    }

    /** The pid of the root of the VM's agent process tree, 0 when the VM has no running guest. */
    public static long pidOf(String vmId) {
        String configured = System.getenv("HCS4J_EMULATOR_STATE");
        Path dir = configured == null || configured.isEmpty() ? PrivateDirectory.base().resolve("emulator")
                : Path.of(configured);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(HvSocketDirs.forVm(vmId).getFileName() + ".properties"),
                StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new AssertionError("the emulator's record of " + vmId + " is unreadable", e);
        }
        return Long.parseLong(p.getProperty("agentPid", "0"));
    }

    /**
     * Whether the agent {@code pid} went back to the node's pool of ready agents ({@code HCS4J_VM_POOL_DIR}) after its
     * VM ended: an entry of the pool names it.
     */
    public static boolean backInPool(long pid) throws IOException {
        String pool = System.getenv("HCS4J_VM_POOL_DIR");
        if (pool == null || pool.isEmpty() || !Files.isDirectory(Path.of(pool))) {
            return false;
        }
        try (Stream<Path> entries = Files.walk(Path.of(pool), 2)) {
            for (Path entry : entries.filter(f -> f.toString().endsWith(".pid")).toList()) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(entry, StandardCharsets.UTF_8)) {
                    p.load(r);
                } catch (NoSuchFileException gone) {
                    continue;
                }
                if (p.getProperty("pid", "").equals(Long.toString(pid))) {
                    return true;
                }
            }
        }
        return false;
    }
}
