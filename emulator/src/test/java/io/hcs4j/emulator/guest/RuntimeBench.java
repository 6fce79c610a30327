package io.hcs4j.emulator.guest;

import io.hcs4j.uvm.guest.GuestContainer;
import io.hcs4j.uvm.guest.GuestProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Benchmark behind scripts/bench-uvm.sh (second part): exec round trip and container create through each container
 * runtime of the emulated guest, runc and the chroot fallback, one VM each, measured interleaved (runc, chroot,
 * runc, ...) so that load on the machine hits both alike. Prints medians with min and max; asserts nothing.
 */
public final class RuntimeBench {
    private static final int ROUNDS = 30;
    private static final int WARM_UP = 3;

    private RuntimeBench() {
    }

    public static void main(String[] args) throws Exception {
        if (!EmulatedVm.onRunc()) {
            System.out.println("runtime comparison skipped: runc needs root and runc installed");
            return;
        }
        Path work = Files.createTempDirectory("hcs4j-runtime-bench");
        Map<String, EmulatedVm> vms = new LinkedHashMap<>();
        try {
            for (String runtime : List.of("runc", "chroot")) {
                System.setProperty(EmulatedGuestLauncher.RUNTIME_PROPERTY, runtime);
                vms.put(runtime, new EmulatedVm(Files.createDirectories(work.resolve(runtime))));
            }
            System.clearProperty(EmulatedGuestLauncher.RUNTIME_PROPERTY);
            Map<String, GuestContainer> containers = new LinkedHashMap<>();
            Map<String, GuestProcess> inits = new LinkedHashMap<>();
            Map<String, List<Long>> execs = new LinkedHashMap<>();
            Map<String, List<Long>> creates = new LinkedHashMap<>();
            for (var e : vms.entrySet()) {
                GuestContainer c = e.getValue().createContainer("bench", "sh", "-c", EmulatedGuestTest.LOOP);
                containers.put(e.getKey(), c);
                inits.put(e.getKey(), c.createProcess(EmulatedVm.init()));
                execs.put(e.getKey(), new ArrayList<>());
                creates.put(e.getKey(), new ArrayList<>());
            }
            for (int i = 0; i < ROUNDS + WARM_UP; i++) {
                for (var e : vms.entrySet()) {
                    long t0 = System.nanoTime();
                    EmulatedVm.run(containers.get(e.getKey()).createProcess(EmulatedVm.exec(false, true, true, "true")));
                    long exec = System.nanoTime() - t0;
                    long create = createAndStart(e.getValue(), "c" + i);
                    if (i >= WARM_UP) {
                        execs.get(e.getKey()).add(exec);
                        creates.get(e.getKey()).add(create);
                    }
                }
            }
            print("exec round trip (`true`)", execs);
            print("container create + start (init `true`)", creates);
            for (var e : vms.entrySet()) {
                containers.get(e.getKey()).terminate();
                EmulatedVm.run(inits.get(e.getKey()));
                e.getValue().removeLayers("bench");
            }
        } finally {
            for (EmulatedVm vm : vms.values()) {
                vm.close();
            }
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Create, start and the init's ExecuteProcess answered: what a host waits for before its container runs. */
    private static long createAndStart(EmulatedVm vm, String id) throws Exception {
        long t0 = System.nanoTime();
        GuestContainer c = vm.createContainer(id, "true");
        GuestProcess init = c.createProcess(EmulatedVm.init());
        long took = System.nanoTime() - t0;
        EmulatedVm.run(init);
        c.exit().get(10, TimeUnit.SECONDS);
        vm.removeLayers(id);
        c.deleteState();
        vm.removeNetworkNamespace("ns-" + id);
        return took;
    }

    private static void print(String what, Map<String, List<Long>> samples) {
        StringBuilder line = new StringBuilder(what + ", " + ROUNDS + " interleaved rounds:");
        for (var e : samples.entrySet()) {
            List<Long> sorted = new ArrayList<>(e.getValue());
            Collections.sort(sorted);
            line.append(String.format(" %s median %.1f ms (min %.1f, max %.1f);", e.getKey(),
                    sorted.get(sorted.size() / 2) / 1e6, sorted.get(0) / 1e6, sorted.get(sorted.size() - 1) / 1e6));
        }
        System.out.println(line);
    }
}
