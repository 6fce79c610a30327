package io.hcs4j.shim.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status.Code;
import io.grpc.StatusException;
import io.hcs4j.log.Logging;
import io.hcs4j.platform.ChannelConnection;
import io.hcs4j.shim.api.loglevel.GetLogLevelRequest;
import io.hcs4j.shim.api.loglevel.LogLevelGrpc;
import io.hcs4j.shim.api.loglevel.SetLogLevelRequest;
import io.hcs4j.shim.ttrpc.TtrpcClient;
import io.hcs4j.shim.ttrpc.TtrpcServer;
import io.hcs4j.shim.ttrpc.transport.UnixSocketListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * hcs4j.shim.diag.v1.LogLevel through the real ttrpc server, with the log going to stderr as the daemon's does
 * (ServeCommand points stderr at containerd's log).
 */
@Timeout(30)
class LogLevelServiceTest {
    private static final Duration T = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream stderr;
    private TtrpcServer server;
    private TtrpcClient client;

    @BeforeEach
    void serve() throws Exception {
        stderr = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        Logging.setLevel(Level.INFO);
        server = new TtrpcServer(List.of(new LogLevelService().bindService()));
        UnixSocketListener listener = UnixSocketListener.bind(dir.resolve("shim.sock"));
        server.start(listener);
        client = new TtrpcClient(ChannelConnection.connect(listener.path()));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
        Logging.setLevel(Level.INFO);
        System.setErr(stderr);
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    private String get() throws Exception {
        return client.call(LogLevelGrpc.getGetMethod(), GetLogLevelRequest.getDefaultInstance(), T, Map.of()).getLevel();
    }

    private String set(String level) throws Exception {
        return client.call(LogLevelGrpc.getSetMethod(), SetLogLevelRequest.newBuilder().setLevel(level).build(), T,
                Map.of()).getLevel();
    }

    @Test
    void getAnswersTheShimsLevel() throws Exception {
        assertEquals("info", get());
        Logging.setLevel(Level.TRACE);
        assertEquals("trace", get());
    }

    @Test
    void setToDebugShowsTheDebugLinesOfLoggersMadeBefore() throws Exception {
        // A failed call's status is logged at debug by TaskService (a logger made long before) before it answers.
        assertThrows(StatusException.class, () -> set("loud"));
        assertFalse(log().contains("LogLevel.Set failed"), "no debug line at info: " + log());

        assertEquals("debug", set("debug"));
        assertEquals("debug", get());
        assertEquals(Level.DEBUG, Logging.level());
        assertTrue(log().contains("] DEBUG io.hcs4j.shim.task.LogLevelService - log level set to debug by shimdiag"),
                "the change is logged at the new level: " + log());

        assertThrows(StatusException.class, () -> set("loud"));
        assertTrue(log().contains("] DEBUG io.hcs4j.shim.task.TaskService - LogLevel.Set failed: "),
                "debug lines appear after the change: " + log());
    }

    @Test
    void setTakesLogrusNamesAndLogsAtTheNewLevel() throws Exception {
        assertEquals("warn", set("Warning"));
        assertTrue(log().contains("] WARN io.hcs4j.shim.task.LogLevelService - log level set to warn by shimdiag"), log());
        assertEquals("error", set("fatal"));
        assertTrue(log().contains("] ERROR io.hcs4j.shim.task.LogLevelService - log level set to error by shimdiag"), log());
        assertEquals("info", set("info"));
        assertEquals(Level.INFO, Logging.level());
    }

    @Test
    void anUnknownLevelIsAnInvalidArgumentNamingTheLevelsAndChangesNothing() throws Exception {
        Logging.setLevel(Level.WARN);
        for (String bad : List.of("loud", "", "debug ")) {
            StatusException e = assertThrows(StatusException.class, () -> set(bad));
            assertEquals(Code.INVALID_ARGUMENT, e.getStatus().getCode());
            assertEquals("unknown log level \"" + bad + "\" (one of trace, debug, info, warn, warning, error, fatal, panic)",
                    e.getStatus().getDescription());
        }
        assertEquals("warn", get());
        assertFalse(log().contains("log level set"), log());
    }
}
