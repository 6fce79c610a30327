package io.hcs4j.emulator.hcs;

import io.hcs4j.platform.posix.Posix;

import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.PointerByReference;
import io.hcs4j.hcs.ComputeSystem;
import io.hcs4j.hcs.HcsGeneration;
import io.hcs4j.hcs.HcsProcess;
import io.hcs4j.hcs.HcsService;
import io.hcs4j.hcs.raw.ComputeCore;
import io.hcs4j.hcs.raw.HcsProcessInformation;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (run by scripts/bench-hcs.sh, not a test): the facade's cost per call against the emulator's own cost.
 * Levels: "engine" drives the emulator's state machine directly, "raw v2" goes through the computecore interface
 * (operation handles, native result strings), "facade v2/v1" through HcsService with each generation.
 * Scenarios: a full create -> start -> process (true) -> exit -> terminate -> close cycle, and a single
 * properties call on a running system.
 */
public final class HcsBench {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private HcsBench() {
    }

    interface Body {
        void run() throws Exception;
    }

    static double[] measure(int warmup, int iterations, Body body) throws Exception {
        for (int i = 0; i < warmup; i++) {
            body.run();
        }
        double[] us = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            body.run();
            us[i] = (System.nanoTime() - t0) / 1000.0;
        }
        Arrays.sort(us);
        return us;
    }

    static void print(String scenario, String level, double[] us, double engineMedian) {
        double median = us[us.length / 2];
        double p90 = us[(int) (us.length * 0.9)];
        String overhead = engineMedian < 0 ? "" : String.format(Locale.ROOT, "%+10.1f", median - engineMedian);
        System.out.printf(Locale.ROOT, "%-10s %-12s %10.1f %10.1f %10s%n", scenario, level, median, p90, overhead);
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        String params = Docs.process("true").toString();
        String doc = Docs.container().toString();
        try (Emulator emu = new Emulator(null)) {
            ComputeCore cc = emu.backend().computeCore();
            HcsService v2 = HcsService.open(emu.backend(), HcsGeneration.COMPUTECORE);
            HcsService v1 = HcsService.open(emu.backend(), HcsGeneration.VMCOMPUTE);

            System.out.printf(Locale.ROOT, "%-10s %-12s %10s %10s %10s   (microseconds, %d iterations)%n",
                    "scenario", "level", "median", "p90", "overhead", iterations);

            double[] engine = measure(20, iterations, () -> {
                EmulatedSystem s = emu.create(Docs.id(), doc);
                s.start();
                EmulatedProcess p = s.createProcess(params);
                p.exit.get(30, TimeUnit.SECONDS);
                Posix.close(p.stdOut);
                Posix.close(p.stdErr);
                s.terminate();
                emu.forget(s);
            });
            double base = engine[engine.length / 2];
            print("lifecycle", "engine", engine, -1);
            print("lifecycle", "raw v2", measure(20, iterations, () -> rawLifecycle(emu, cc, doc, params)), base);
            print("lifecycle", "facade v2", measure(20, iterations, () -> facadeLifecycle(v2, doc, params)), base);
            print("lifecycle", "facade v1", measure(20, iterations, () -> facadeLifecycle(v1, doc, params)), base);

            EmulatedSystem running = emu.create(Docs.id(), doc);
            running.start();
            String query = Docs.query().toString();
            double[] props = measure(200, iterations * 10, () -> running.properties(query));
            double propsBase = props[props.length / 2];
            print("properties", "engine", props, -1);
            try (ComputeSystem s2 = v2.openComputeSystem(running.id); ComputeSystem s1 = v1.openComputeSystem(running.id)) {
                print("properties", "facade v2", measure(200, iterations * 10,
                        () -> s2.properties(query, String.class)), propsBase);
                print("properties", "facade v1", measure(200, iterations * 10,
                        () -> s1.properties(query, String.class)), propsBase);
            }
            running.terminate();
        }
    }

    private static void rawLifecycle(Emulator emu, ComputeCore cc, String doc, String params) {
        PointerByReference sys = new PointerByReference();
        PointerByReference result = new PointerByReference();
        Pointer op = cc.HcsCreateOperation(null, null);
        check(cc.HcsCreateComputeSystem(new WString(Docs.id()), new WString(doc), op, null, sys));
        check(cc.HcsWaitForOperationResult(op, 30_000, result));
        cc.HcsCloseOperation(op);
        op = cc.HcsCreateOperation(null, null);
        check(cc.HcsStartComputeSystem(sys.getValue(), op, null));
        check(cc.HcsWaitForOperationResult(op, 30_000, result));
        cc.HcsCloseOperation(op);
        op = cc.HcsCreateOperation(null, null);
        PointerByReference proc = new PointerByReference();
        HcsProcessInformation info = new HcsProcessInformation();
        check(cc.HcsCreateProcess(sys.getValue(), new WString(params), op, null, proc));
        check(cc.HcsWaitForOperationResultAndProcessInfo(op, 30_000, info, result));
        cc.HcsCloseOperation(op);
        check(cc.HcsWaitForProcessExit(proc.getValue(), 30_000, result));
        emu.backend().localFree(result.getValue());
        emu.backend().closeHandle(info.StdOutput);
        emu.backend().closeHandle(info.StdError);
        cc.HcsCloseProcess(proc.getValue());
        op = cc.HcsCreateOperation(null, null);
        check(cc.HcsTerminateComputeSystem(sys.getValue(), op, null));
        check(cc.HcsWaitForOperationResult(op, 30_000, result));
        cc.HcsCloseOperation(op);
        cc.HcsCloseComputeSystem(sys.getValue());
    }

    private static void check(int hr) {
        if (hr < 0) {
            throw new IllegalStateException(String.format("HRESULT 0x%08X", hr));
        }
    }

    private static void facadeLifecycle(HcsService hcs, String doc, String params) throws Exception {
        try (ComputeSystem s = hcs.createComputeSystem(Docs.id(), doc)) {
            s.start();
            try (HcsProcess p = s.createProcess(params)) {
                p.waitExit(WAIT);
            }
            s.terminate();
            s.waitExit(WAIT);
        }
    }
}
