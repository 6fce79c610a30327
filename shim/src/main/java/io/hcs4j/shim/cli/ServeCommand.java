package io.hcs4j.shim.cli;

import io.hcs4j.log.Logging;
import io.hcs4j.shim.api.runhcs.Options;
import io.hcs4j.shim.events.TtrpcEventPublisher;
import io.hcs4j.shim.task.Backends;
import io.hcs4j.shim.task.LogLevelService;
import io.hcs4j.shim.task.ShimDiagService;
import io.hcs4j.shim.task.TaskService;
import io.hcs4j.shim.task.Tasks;
import io.hcs4j.shim.ttrpc.TtrpcServer;
import io.hcs4j.shim.ttrpc.transport.Listener;
import io.hcs4j.shim.ttrpc.transport.Transports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * {@code serve}: the shim daemon. Listens on the task's address, serves the Task service over ttrpc,
 * publishes events to containerd, and exits on Shutdown (or SIGTERM, killing what it still runs).
 */
final class ServeCommand {
    /** What the launcher script chose for this daemon (JDK, class archive or AOT cache), for its log. */
    static final String LAUNCH_ENV = "HCS4J_LAUNCH";
    /**
     * The runtime options containerd gave {@code start} on stdin, base64: the launcher script and the JVM's start
     * both pass them, and the daemon takes its log level from their debug and log_level.
     */
    static final String START_OPTIONS_ENV = "HCS4J_START_OPTIONS";

    private ServeCommand() {
    }

    static int run(ShimFlags f) throws IOException, InterruptedException {
        Path bundle = StartCommand.bundle(f);
        System.setErr(LogOutput.open(bundle, f.namespace(), f.id()));
        Level level = RuntimeOptions.logLevel(startOptions());
        Logging.setLevel(f.debug() ? Level.DEBUG : level == null ? Level.INFO : level);
        Logging.showTimes(true);
        String address = f.socket().isEmpty() ? ShimAddress.of(f.address(), f.namespace(), f.id()) : f.socket();
        if (address.startsWith("unix://") && !StartCommand.reachable(address)) {
            Files.deleteIfExists(Path.of(address.substring("unix://".length()))); // a dead shim's socket
        }
        // Listening first lets start return while the rest loads: containerd's connection and first request
        // wait in the socket's backlog until the server accepts them.
        Listener listener = Transports.listen(address);
        Logger log = LoggerFactory.getLogger(ServeCommand.class);
        if (ShimAddress.windows()) {
            StackDumpEvent.listen(); // Linux: SIGQUIT's thread dump reaches the log through stdout (LogOutput)
        }
        String ttrpcAddress = System.getenv().getOrDefault("TTRPC_ADDRESS", f.address() + ".ttrpc");
        TtrpcEventPublisher events = new TtrpcEventPublisher(ttrpcAddress, f.namespace());
        Tasks tasks = new Tasks(Backends.forThisHost(), events, f.namespace(), Options.getDefaultInstance());
        Thread warmUp = new Thread(tasks::warmUp, "warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        CountDownLatch shutdown = new CountDownLatch(1);
        TtrpcServer server = new TtrpcServer(List.of(new TaskService(tasks, shutdown::countDown).bindService(),
                new ShimDiagService(tasks, f.id()).bindService(), new LogLevelService().bindService()));
        server.start(listener);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shutdown.countDown();
            tasks.closeAll();
        }, "shim-sigterm"));
        log.info("containerd-shim-runhcs-v1 {} serving {} for task {} (namespace {}, events to {})", TaskService.VERSION,
                address, f.id(), f.namespace(), ttrpcAddress);
        String launch = System.getenv(LAUNCH_ENV);
        if (launch != null) {
            log.info("launcher's choice: {}", launch);
        }
        shutdown.await();
        log.info("shutting down");
        server.close();
        tasks.closeAll();
        events.close();
        return 0;
    }

    private static byte[] startOptions() {
        try {
            return Base64.getDecoder().decode(System.getenv().getOrDefault(START_OPTIONS_ENV, ""));
        } catch (IllegalArgumentException malformed) {
            return new byte[0];
        }
    }
}
