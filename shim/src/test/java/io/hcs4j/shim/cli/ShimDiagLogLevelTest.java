package io.hcs4j.shim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status.Code;
import io.grpc.StatusException;
import io.hcs4j.log.Logging;
import io.hcs4j.shim.task.LogLevelService;
import io.hcs4j.shim.ttrpc.TtrpcServer;
import io.hcs4j.shim.ttrpc.transport.UnixSocketListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/** {@code shimdiag loglevel SHIM [LEVEL]} against a shim's LogLevel service. */
@Timeout(30)
class ShimDiagLogLevelTest {
    @TempDir
    Path dir;
    private TtrpcServer server;
    private String socket;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream stdout;

    @BeforeEach
    void serve() throws Exception {
        Logging.setLevel(Level.INFO);
        server = new TtrpcServer(List.of(new LogLevelService().bindService()));
        UnixSocketListener listener = UnixSocketListener.bind(dir.resolve("shim.sock"));
        server.start(listener);
        socket = listener.path().toString();
        stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        System.setOut(stdout);
        server.close();
        Logging.setLevel(Level.INFO);
    }

    @Test
    void printsTheLevelAndSetsIt() throws Exception {
        assertEquals(0, ShimDiagMain.run(List.of("loglevel", socket)));
        assertEquals(0, ShimDiagMain.run(List.of("loglevel", socket, "debug")));
        assertEquals(0, ShimDiagMain.run(List.of("loglevel", socket)));
        assertEquals("info\ndebug\ndebug\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(Level.DEBUG, Logging.level());
    }

    @Test
    void badUseIsRefused() {
        assertEquals("loglevel needs a shim",
                assertThrows(IllegalArgumentException.class, () -> ShimDiagMain.run(List.of("loglevel"))).getMessage());
        assertEquals("loglevel takes at most one level", assertThrows(IllegalArgumentException.class,
                () -> ShimDiagMain.run(List.of("loglevel", socket, "debug", "info"))).getMessage());
        StatusException e = assertThrows(StatusException.class, () -> ShimDiagMain.run(List.of("loglevel", socket, "loud")));
        assertEquals(Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals(Level.INFO, Logging.level());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }
}
