package io.hcs4j.emulator.guest;

import io.hcs4j.platform.FileTrees;
import io.hcs4j.uvm.guest.GuestContainer;
import io.hcs4j.uvm.transport.HvSocketDirs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark behind scripts/bench-uvm.sh (third part): what the first container create + start of a VM costs on a
 * fresh agent (no pool), on a pooled agent serving its first VM, and on a recycled one (its second VM or later).
 * VMs end cleanly, one after another, with a pool of 2; the pool is emptied every {@link #VMS_PER_GROUP} VMs so that
 * new agents keep coming.
 */
public final class PoolBench {
    private static final int GROUPS = 4;
    private static final int VMS_PER_GROUP = 4;
    private static final int FRESH = 6;

    private PoolBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("hcs4j-pool-bench");
        try {
            List<Long> fresh = new ArrayList<>();
            for (int i = 0; i < FRESH; i++) {
                fresh.add(firstCreate(work.resolve("fresh" + i), null));
            }
            System.setProperty(AgentPool.DIR_PROPERTY, work.resolve("pool").toString());
            System.setProperty(AgentPool.SIZE_PROPERTY, "2");
            AgentPool pool = AgentPool.forKind(false, System.getenv(GuestRuntime.RUNTIME_ENV));
            List<Long> firstVm = new ArrayList<>();
            List<Long> recycled = new ArrayList<>();
            for (int g = 0; g < GROUPS; g++) {
                pool.empty();
                pool.refill(2, EmulatedGuestLauncher.command(), Map.of());
                Thread.sleep(5000); // booted and idle, as a pool is when a start comes
                Set<Long> served = new HashSet<>();
                for (int v = 0; v < VMS_PER_GROUP; v++) {
                    long[] agent = new long[1];
                    long ms = firstCreate(work.resolve("g" + g + "v" + v), agent);
                    (served.add(agent[0]) ? firstVm : recycled).add(ms);
                    Thread.sleep(1000);
                }
            }
            pool.empty();
            print("fresh agent (no pool)", fresh);
            print("pooled agent, its first VM", firstVm);
            print("recycled agent", recycled);
        } finally {
            FileTrees.delete(work);
        }
    }

    /** Boots a VM, times its first container's create + start, ends the VM cleanly; {@code agent[0]}: its agent. */
    private static long firstCreate(Path work, long[] agent) throws Exception {
        EmulatedVm vm = new EmulatedVm(Files.createDirectories(work));
        try {
            if (agent != null) {
                agent[0] = GuestRecords.read(vm.id).orElseThrow().agentPid();
            }
            long t0 = System.nanoTime();
            GuestContainer c = vm.createContainer("first", "true");
            EmulatedVm.run(c.createProcess(EmulatedVm.init()));
            return (System.nanoTime() - t0) / 1_000_000;
        } finally {
            vm.guest.end();
            vm.guest.exit().get(10, TimeUnit.SECONDS);
            vm.connection.close();
            FileTrees.delete(HvSocketDirs.forVm(vm.id));
        }
    }

    private static void print(String what, List<Long> ms) {
        List<Long> sorted = ms.stream().sorted().toList();
        System.out.printf("first container create + start, %-28s median %4d ms (min %d, max %d, n %d)%n", what,
                sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1), sorted.size());
    }
}
