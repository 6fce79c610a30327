package io.hcs4j.uvm.guest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.cow.Process;
import io.hcs4j.cow.SignalOptions;
import io.hcs4j.platform.Connection;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.v2.ProcessParameters;
import io.hcs4j.uvm.bridge.GcsBridge;
import io.hcs4j.uvm.bridge.GcsException;
import io.hcs4j.uvm.bridge.codec.BridgeJson;
import io.hcs4j.uvm.bridge.codec.Rpc;
import io.hcs4j.uvm.transport.HvSocketListener;
import io.hcs4j.uvm.transport.VsockPorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A process in a guest container (or in the VM itself) started through ExecuteProcess, with one hvsocket per
 * requested stdio stream. The guest holds the exit code back until the host has closed its ends of stdout and
 * stderr, so each of those streams closes its connection once it reads to the end (or fails): a reader that
 * drains them lets the exit through.
 */
public final class GuestProcess implements Process {
    private static final Logger LOG = LoggerFactory.getLogger(GuestProcess.class);
    /** WaitForProcess without a deadline. */
    private static final long INFINITE = 0xFFFFFFFFL;

    private final GuestConnection connection;
    private final String containerId;
    private final int pid;
    private final Connection stdin;
    private final Connection stdout;
    private final Connection stderr;
    private final InputStream stdoutStream;
    private final InputStream stderrStream;
    private final CompletableFuture<Integer> exit;

    private GuestProcess(GuestConnection connection, String containerId, int pid, Connection stdin,
                         Connection stdout, Connection stderr) {
        this.connection = connection;
        this.containerId = containerId;
        this.pid = pid;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.stdoutStream = closingAtEnd(stdout);
        this.stderrStream = closingAtEnd(stderr);
        ObjectNode wait = request().put("TimeoutInMs", INFINITE);
        this.exit = connection.bridge().call(Rpc.WAIT_FOR_PROCESS, wait, null)
                .thenApply(response -> response.path("ExitCode").asInt());
    }

    static GuestProcess start(GuestConnection connection, String containerId, ProcessParameters parameters)
            throws IOException {
        // Listen first: the guest dials every stdio port before it answers ExecuteProcess.
        List<HvSocketListener> listeners = new ArrayList<>();
        HvSocketListener in = null;
        HvSocketListener out = null;
        HvSocketListener err = null;
        ObjectNode relay = BridgeJson.object();
        try {
            if (parameters.createStdInPipe) {
                in = listen(connection, relay, "StdIn", listeners);
            }
            if (parameters.createStdOutPipe) {
                out = listen(connection, relay, "StdOut", listeners);
            }
            if (parameters.createStdErrPipe) {
                err = listen(connection, relay, "StdErr", listeners);
            }
            ObjectNode request = GcsBridge.request(containerId);
            ObjectNode settings = request.putObject("Settings");
            settings.put("ProcessParameters", Json.write(parameters));
            settings.set("VsockStdioRelaySettings", relay);
            ObjectNode response = connection.call(Rpc.EXECUTE_PROCESS, request);
            int pid = response.path("ProcessId").asInt();
            List<Connection> accepted = new ArrayList<>();
            try {
                Connection stdin = accept(in, connection, accepted);
                Connection stdout = accept(out, connection, accepted);
                Connection stderr = accept(err, connection, accepted);
                return new GuestProcess(connection, containerId, pid, stdin, stdout, stderr);
            } catch (IOException e) {
                for (Connection c : accepted) {
                    c.close();
                }
                throw new IOException("process " + pid + " in " + containerId + ": the guest did not connect its stdio: "
                        + e.getMessage(), e);
            }
        } finally {
            for (HvSocketListener l : listeners) {
                l.close();
            }
        }
    }

    private static HvSocketListener listen(GuestConnection connection, ObjectNode relay, String field,
                                           List<HvSocketListener> listeners) throws IOException {
        long port = connection.allocatePort();
        HvSocketListener listener = connection.transport().listen(VsockPorts.serviceId(port));
        listeners.add(listener);
        relay.put(field, port);
        return listener;
    }

    private static Connection accept(HvSocketListener listener, GuestConnection connection,
                                             List<Connection> accepted) throws IOException {
        if (listener == null) {
            return null;
        }
        // The guest dialled before it answered, so the connection is already queued; the timeout only guards
        // against a guest that broke the protocol.
        Connection c = listener.accept(connection.rpcTimeout());
        accepted.add(c);
        return c;
    }

    private ObjectNode request() {
        return GcsBridge.request(containerId).put("ProcessId", pid);
    }

    @Override
    public int pid() {
        return pid;
    }

    public String containerId() {
        return containerId;
    }

    @Override
    public OutputStream stdin() {
        return stdin == null ? null : stdin.output();
    }

    @Override
    public InputStream stdout() {
        return stdoutStream;
    }

    @Override
    public InputStream stderr() {
        return stderrStream;
    }

    /** The connection's input, closing the connection at end of stream or on a read error. */
    private static InputStream closingAtEnd(Connection c) {
        if (c == null) {
            return null;
        }
        return new FilterInputStream(c.input()) {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n;
                try {
                    n = super.read(buf, off, len);
                } catch (IOException e) {
                    c.close();
                    throw e;
                }
                if (n < 0) {
                    c.close();
                }
                return n;
            }
        };
    }

    @Override
    public void closeStdin() throws IOException {
        if (stdin != null) {
            stdin.shutdownOutput();
        }
    }

    /** The guest releases the exit code once the host has closed stdout and stderr. */
    @Override
    public void closeStdout() throws IOException {
        if (stdout != null) {
            stdout.close();
        }
    }

    @Override
    public void closeStderr() throws IOException {
        if (stderr != null) {
            stderr.close();
        }
    }

    /**
     * Completes with the exit code (128 + n for a process killed by signal n); fails with a
     * {@link io.hcs4j.uvm.bridge.BridgeClosedException} when the VM goes away first.
     */
    @Override
    public CompletableFuture<Integer> exit() {
        return exit;
    }

    /**
     * Sends a signal: a Linux signal number, or a console control event for a Windows guest. Returns false
     * when the process has already exited (the guest answers 0x80070490).
     */
    @Override
    public boolean signal(SignalOptions options) throws IOException {
        if (options instanceof SignalOptions.Kill) {
            return kill();
        }
        ObjectNode request = request();
        if (options instanceof SignalOptions.Linux linux) {
            request.putObject("Options").put("Signal", linux.signal());
        } else if (options instanceof SignalOptions.Windows windows) {
            request.putObject("Options").put("Signal", windows.signal().value());
        }
        return deliver(request);
    }

    /** SIGKILL: the guest's default when a SignalProcess carries no options. */
    @Override
    public boolean kill() throws IOException {
        return deliver(request());
    }

    private boolean deliver(ObjectNode request) throws IOException {
        try {
            connection.call(Rpc.SIGNAL_PROCESS, request);
            return true;
        } catch (GcsException e) {
            if (e.result() == GcsException.E_NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void resizeConsole(int width, int height) throws IOException {
        connection.call(Rpc.RESIZE_CONSOLE, request().put("Height", height).put("Width", width));
    }

    /** Closes the stdio connections; the process keeps running. */
    @Override
    public void close() {
        for (Connection c : new Connection[] {stdin, stdout, stderr}) {
            if (c != null) {
                c.close();
            }
        }
    }
}
