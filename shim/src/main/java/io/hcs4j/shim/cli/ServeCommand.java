package io.hcs4j.shim.cli;

import io.hcs4j.log.Logging;
import io.hcs4j.platform.posix.Libc;
import io.hcs4j.shim.api.runhcs.Options;
import io.hcs4j.shim.events.TtrpcEventPublisher;
import io.hcs4j.shim.task.Backends;
import io.hcs4j.shim.task.LogLevelService;
import io.hcs4j.shim.task.ShimDiagService;
import io.hcs4j.shim.task.TaskService;
import io.hcs4j.shim.task.ShimPoolSize;
import io.hcs4j.shim.task.Tasks;
import io.hcs4j.shim.ttrpc.TtrpcServer;
import io.hcs4j.shim.ttrpc.transport.Listener;
import io.hcs4j.shim.ttrpc.transport.Transports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * {@code serve}: the shim daemon. Listens on the task's address, serves the Task service over ttrpc,
 * publishes events to containerd, and on Shutdown (or SIGTERM, killing what it still runs) exits, or, with the
 * shim pool on ({@link ShimPoolSize}), waits among the {@link ReadyDaemons} to serve another pod when it is clean.
 */
final class ServeCommand {
    /** What the launcher script chose for this daemon (JDK, class archive or AOT cache), for its log. */
    static final String LAUNCH_ENV = "HCS4J_LAUNCH";
    /**
     * The runtime options containerd gave {@code start} on stdin, base64: the launcher script and the JVM's start
     * both pass them, and the daemon takes its log level from them.
     */
    static final String START_OPTIONS_ENV = "HCS4J_START_OPTIONS";
    /** Threads and descriptors a daemon may have beyond those it had when first ready, and still serve again. */
    private static final int THREAD_ALLOWANCE = 4;
    private static final int FD_ALLOWANCE = 4;
    private static final long SETTLE_MILLIS = 1000;

    /** The pod being served, for SIGTERM. */
    private static volatile Tasks serving;
    private static volatile CountDownLatch stop;
    private static volatile boolean terminating;
    /** The first pod's warm-up (it starts the host backend): done before the daemon's first-ready baseline. */
    private static Thread warmUp;

    private ServeCommand() {
    }

    static int run(ShimFlags first) throws IOException, InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(ServeCommand::terminate, "shim-sigterm"));
        Backends backends = Backends.forThisHost(); // the host backend (the embedded emulator) outlives each pod
        String key = System.getenv(ReadyDaemons.KEY_ENV);
        if (ShimAddress.windows() || key == null || key.isEmpty()) {
            key = null; // not recyclable: exits after its pod
        }
        ShimFlags f = first;
        Map<String, String> env = System.getenv();
        Resources baseline = null;
        for (int pods = 1; ; pods++) {
            Logger log = LoggerFactory.getLogger(ServeCommand.class);
            Served pod = serve(f, env, backends, pods);
            int size = poolSize(pod.tasks(), env);
            if (key == null || size == 0 || terminating) {
                return 0;
            }
            Path dir = ReadyDaemons.dir(Path.of(pod.address().substring("unix://".length())).getParent(), key);
            warmUp.join(TimeUnit.SECONDS.toMillis(30)); // its threads (the host backend's) belong in the baseline
            Condition condition = Condition.measure(pod.tasksLeft(), backends, pods, dir, baseline);
            String refusal = condition.refusal(size, baseline);
            if (refusal != null) {
                log.info("exiting instead of waiting for another pod: {}", refusal);
                return 0;
            }
            if (baseline == null) {
                baseline = new Resources(condition.threads(), condition.fds());
            }
            log.info("waiting in {} for another pod ({} served; threads {}, fds {} when first ready)", dir, pods,
                    baseline.threads(), baseline.fds());
            LogOutput.detach();
            Libc.INSTANCE.chdir("/"); // the bundle goes with the pod
            Optional<ReadyDaemons.Claim> claim = ReadyDaemons.await(dir, idleTimeout(env));
            if (claim.isEmpty()) {
                return 0;
            }
            f = claim.get().flags();
            env = claim.get().env();
            Libc.INSTANCE.chdir(StartCommand.bundle(f).toString()); // where a fresh daemon would run
        }
    }

    /** A pod served: its address, its tasks (closed), and whether any were left when Shutdown came. */
    private record Served(String address, Tasks tasks, boolean tasksLeft) {
    }

    /** Serves one pod's tasks until Shutdown. */
    private static Served serve(ShimFlags f, Map<String, String> env, Backends backends, int pod)
            throws IOException, InterruptedException {
        boolean fresh = pod == 1;
        Path bundle = StartCommand.bundle(f);
        System.setErr(LogOutput.open(bundle, f.namespace(), f.id()));
        Level level = RuntimeOptions.logLevel(startOptions(env));
        Logging.setLevel(f.debug() ? Level.DEBUG : level == null ? Level.INFO : level);
        Logging.showTimes(true);
        if (env.containsKey(ShimPoolSize.ENV)) {
            ShimPoolSize.parse(ShimPoolSize.ENV, env.get(ShimPoolSize.ENV)); // a bad value fails the start, named
        }
        String address = f.socket().isEmpty() ? ShimAddress.of(f.address(), f.namespace(), f.id()) : f.socket();
        if (address.startsWith("unix://") && !StartCommand.reachable(address)) {
            Files.deleteIfExists(Path.of(address.substring("unix://".length()))); // a dead shim's socket
        }
        // Listening first lets start return while the rest loads: containerd's connection and first request
        // wait in the socket's backlog until the server accepts them.
        Listener listener = Transports.listen(address);
        Logger log = LoggerFactory.getLogger(ServeCommand.class);
        if (ShimAddress.windows() && fresh) {
            StackDumpEvent.listen(); // Linux: SIGQUIT's thread dump reaches the log through stdout (LogOutput)
        }
        String ttrpcAddress = env.getOrDefault("TTRPC_ADDRESS", f.address() + ".ttrpc");
        TtrpcEventPublisher events = new TtrpcEventPublisher(ttrpcAddress, f.namespace());
        Tasks tasks = new Tasks(backends, events, f.namespace(), Options.getDefaultInstance());
        if (fresh) {
            warmUp = new Thread(tasks::warmUp, "warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
        }
        CountDownLatch shutdown = new CountDownLatch(1);
        TtrpcServer server = new TtrpcServer(List.of(new TaskService(tasks, shutdown::countDown).bindService(),
                new ShimDiagService(tasks, f.id()).bindService(), new LogLevelService().bindService()));
        serving = tasks;
        stop = shutdown;
        server.start(listener);
        if (terminating) {
            shutdown.countDown(); // SIGTERM came before this pod's latch existed
        }
        log.info("containerd-shim-runhcs-v1 {} serving {} for task {} (namespace {}, events to {})", TaskService.VERSION,
                address, f.id(), f.namespace(), ttrpcAddress);
        if (!fresh) {
            log.info("taken from the ready set: pod {} of this daemon (pid {})", pod, ProcessHandle.current().pid());
        }
        String launch = env.get(LAUNCH_ENV);
        if (launch != null) {
            log.info("launcher's choice: {}", launch);
        }
        shutdown.await();
        log.info("shutting down");
        boolean tasksLeft = !tasks.isEmpty();
        server.awaitAnswered(Duration.ofSeconds(1));
        server.close();
        tasks.closeAll();
        events.close();
        return new Served(address, tasks, tasksLeft);
    }

    /** SIGTERM: kill what the pod still runs; a ready daemon leaves its set. */
    private static void terminate() {
        terminating = true;
        CountDownLatch latch = stop;
        if (latch != null) {
            latch.countDown();
        }
        Tasks tasks = serving;
        if (tasks != null) {
            tasks.closeAll();
        }
        ReadyDaemons.leave();
    }

    /** The pool size: the pod's annotation, else the environment's (0: exit after the pod, as without a pool). */
    private static int poolSize(Tasks tasks, Map<String, String> env) {
        Integer annotated = tasks.shimPoolSize();
        if (annotated != null) {
            return annotated;
        }
        String v = env.get(ShimPoolSize.ENV);
        return v == null ? 0 : ShimPoolSize.parse(ShimPoolSize.ENV, v);
    }

    /**
     * What decides whether a daemon may serve another pod, measured after its pod's Shutdown: pods served, whether
     * tasks were left, compute systems still open, daemons ready already, its threads and fds now.
     */
    record Condition(int pods, boolean tasksLeft, int openSystems, int ready, int threads, int fds) {
        /** Measures it; {@code baseline}: threads and fds when first ready, or null when it has not been. */
        static Condition measure(boolean tasksLeft, Backends backends, int pods, Path dir, Resources baseline)
                throws IOException, InterruptedException {
            int ready = 0;
            if (Files.isDirectory(dir)) {
                try (Stream<Path> entries = Files.list(dir)) {
                    ready = (int) entries.filter(p -> !p.getFileName().toString().startsWith(".")).count();
                }
            }
            // Threads of the pod's server and VM wind down as they are closed: a moment to settle.
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
            Resources now = Resources.now();
            while (baseline != null && !now.within(baseline) && System.nanoTime() - deadline < 0) {
                Thread.sleep(50);
                now = Resources.now();
            }
            return new Condition(pods, tasksLeft, backends.openComputeSystems(), ready, now.threads(), now.fds());
        }

        /** Why the daemon must exit rather than wait for another pod (pool size {@code size}), or null. */
        String refusal(int size, Resources baseline) {
            if (pods >= ReadyDaemons.MAX_PODS) {
                return "it has served " + pods + " pods, the most one daemon serves";
            }
            if (tasksLeft) {
                return "tasks were left at Shutdown";
            }
            if (openSystems > 0) {
                return openSystems + " compute systems are still open";
            }
            if (ready >= size) {
                return ready + " daemons are ready already (pool size " + size + ")";
            }
            if (baseline != null && !new Resources(threads, fds).within(baseline)) {
                return "it has " + threads + " threads and " + fds + " fds, against " + baseline.threads() + " and "
                        + baseline.fds() + " when first ready";
            }
            return null;
        }
    }

    /** A daemon's threads and open fds. */
    record Resources(int threads, int fds) {
        static Resources now() throws IOException {
            return new Resources(count("/proc/self/task"), count("/proc/self/fd"));
        }

        boolean within(Resources baseline) {
            return threads <= baseline.threads + THREAD_ALLOWANCE && fds <= baseline.fds + FD_ALLOWANCE;
        }
    }

    private static int count(String dir) throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(dir))) {
            return (int) entries.count();
        }
    }

    private static Duration idleTimeout(Map<String, String> env) {
        String v = env.get(ReadyDaemons.IDLE_ENV);
        if (v == null) {
            return Duration.ofSeconds(ReadyDaemons.DEFAULT_IDLE_SECONDS);
        }
        try {
            return Duration.ofSeconds(Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ReadyDaemons.IDLE_ENV + ": '" + v + "' is not a number of seconds");
        }
    }

    private static byte[] startOptions(Map<String, String> env) {
        try {
            return Base64.getDecoder().decode(env.getOrDefault(START_OPTIONS_ENV, ""));
        } catch (IllegalArgumentException malformed) {
            return new byte[0];
        }
    }
}
