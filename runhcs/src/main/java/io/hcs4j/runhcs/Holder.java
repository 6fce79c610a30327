package io.hcs4j.runhcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.cow.Container;
import io.hcs4j.cow.Process;
import io.hcs4j.cow.SignalOptions;
import io.hcs4j.cow.hcs.ProcessDocuments;
import io.hcs4j.platform.ChannelConnection;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.SchemaException;
import io.hcs4j.schema.guest.SignalValueWCOW;
import io.hcs4j.schema.oci.Spec;
import io.hcs4j.schema.v2.ProcessDetails;
import io.hcs4j.schema.v2.Properties;
import io.hcs4j.schema.v2.PropertyType;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process that holds one container for as long as it exists (like runc's init or upstream runhcs's shim):
 * it owns the cow {@link Container}, its init and exec'd processes, and serves the other runhcs commands on the
 * container's control socket. {@code create} starts one as a separate process; {@code run} is one itself.
 * {@link #destroy()} releases everything exactly once: processes, the container, its layers, the state directory.
 */
final class Holder {
    /** Makes the container: mount layers, create the compute system (state Created). */
    interface ContainerFactory {
        Container create(String id, Spec spec) throws IOException;
    }

    static final String OCI_VERSION = "1.1.0";
    private static final Logger LOG = LoggerFactory.getLogger(Holder.class);
    /** How long a stopped process's output may still drain before it is cut off. */
    private static final long DRAIN_SECONDS = 10;

    private final StateStore store;
    private final String id;
    private final Bundle bundle;
    private final Container container;
    private final ContainerState facts;
    private final ServerSocketChannel server;
    private final Map<Integer, Process> execs = new ConcurrentHashMap<>();
    private final CompletableFuture<Integer> initExit = new CompletableFuture<>();
    private final CompletableFuture<Void> destroyed = new CompletableFuture<>();
    private final List<Thread> initPumps = new ArrayList<>();
    private Process init;
    private boolean paused;
    private boolean destroying;

    private Holder(StateStore store, String id, Bundle bundle, Container container, ContainerState facts,
                   ServerSocketChannel server) {
        this.store = store;
        this.id = id;
        this.bundle = bundle;
        this.container = container;
        this.facts = facts;
        this.server = server;
    }

    /**
     * Creates and starts the container (its compute system; the init process waits for {@link #startInit}), binds the
     * control socket and writes state.json. The state directory must be reserved already; on failure it is removed
     * and nothing is left.
     */
    static Holder create(StateStore store, String id, Bundle bundle, ContainerFactory factory) throws IOException {
        Container container = null;
        ServerSocketChannel server = null;
        try {
            container = factory.create(id, bundle.spec());
            container.start();
            Path socket = store.socket(id);
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            List<String> layers = bundle.spec().windows.layerFolders;
            ContainerState facts = new ContainerState(OCI_VERSION, id, 0, ContainerState.CREATED,
                    bundle.dir().toString(), layers.get(layers.size() - 1), Instant.now().toString(),
                    System.getProperty("user.name", ""));
            Holder h = new Holder(store, id, bundle, container, facts, server);
            store.write(id, new StateStore.Record(facts, ProcessHandle.current().pid()));
            container.exit().whenComplete((v, e) -> h.containerExited());
            h.serve();
            return h;
        } catch (IOException | RuntimeException e) {
            closeQuietly(server);
            if (container != null) {
                try {
                    container.close();
                } catch (IOException | RuntimeException c) {
                    e.addSuppressed(c);
                }
            }
            try {
                store.remove(id);
            } catch (IOException r) {
                e.addSuppressed(r);
            }
            throw e;
        }
    }

    String id() {
        return id;
    }

    /** Completes when the container has been destroyed (deleted, by any command). */
    CompletableFuture<Void> destroyed() {
        return destroyed;
    }

    /** Completes with the init process's exit code. */
    CompletableFuture<Integer> initExit() {
        return initExit;
    }

    /**
     * Starts the init process with its stdio copied to the given streams ({@code in} null: no stdin). Fails unless
     * the container is in state created.
     */
    synchronized void startInit(InputStream in, OutputStream out, OutputStream err) throws IOException {
        if (!status().equals(ContainerState.CREATED)) {
            throw new RunhcsException("cannot start container \"" + id + "\" in state " + status());
        }
        Process p = container.createProcess(ProcessDocuments.of(bundle.spec().process,
                new ProcessDocuments.Stdio(in != null, true, true)));
        init = p;
        initPumps.add(pump("stdout", p.stdout(), out));
        initPumps.add(pump("stderr", p.stderr(), err));
        if (in != null) {
            Thread t = new Thread(() -> {
                copy(in, p.stdin());
                try {
                    p.closeStdin();
                } catch (IOException e) {
                    LOG.debug("{}: close stdin: {}", id, e.getMessage());
                }
            }, "runhcs-" + id + "-stdin");
            t.setDaemon(true);
            t.start();
        }
        p.exit().whenComplete((code, e) -> initExited(code == null ? 255 : code));
    }

    private void initExited(int code) {
        LOG.debug("{}: init exited with {}", id, code);
        initExit.complete(code);
        // The container's life is its init process's: end what is left in it.
        try {
            container.terminate();
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: terminate after init exit: {}", id, e.getMessage());
        }
    }

    /** A container that stops before its init process started has no exit code of its own: 255, like runc. */
    private synchronized void containerExited() {
        if (init == null) {
            initExit.complete(255);
        }
    }

    /** Waits (bounded) for the init process's output to be copied out completely. */
    void drainInitOutput() throws InterruptedException {
        List<Thread> pumps;
        synchronized (this) {
            pumps = List.copyOf(initPumps);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
        for (Thread t : pumps) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
    }

    synchronized String status() {
        if (initExit.isDone() || container.exit().isDone()) {
            return ContainerState.STOPPED;
        }
        if (init == null) {
            return ContainerState.CREATED;
        }
        return paused ? ContainerState.PAUSED : ContainerState.RUNNING;
    }

    synchronized ContainerState state() {
        String status = status();
        int pid = init != null && !status.equals(ContainerState.STOPPED) ? init.pid() : 0;
        return facts.withStatus(status, pid);
    }

    // ---- control socket

    private void serve() {
        Thread t = new Thread(() -> {
            while (true) {
                SocketChannel ch;
                try {
                    ch = Control.acceptTrusted(server);
                } catch (ClosedChannelException e) {
                    return;
                } catch (IOException e) {
                    LOG.warn("{}: accept: {}", id, e.getMessage());
                    return;
                }
                Thread c = new Thread(() -> handle(ch), "runhcs-" + id + "-conn");
                c.setDaemon(true);
                c.start();
            }
        }, "runhcs-" + id + "-accept");
        t.setDaemon(true);
        t.start();
    }

    private void handle(SocketChannel ch) {
        Control.Connection c = new Control.Connection(new ChannelConnection(ch));
        boolean keepOpen = false;
        try {
            JsonNode request = Control.readLine(c.in);
            if (request == null) {
                return;
            }
            try {
                keepOpen = dispatch(request, c);
            } catch (RunhcsException e) {
                Control.writeLine(c.out, Control.error(e.getMessage()));
            } catch (IOException | RuntimeException e) {
                LOG.debug("{}: {} failed", id, request.path("op").asText(), e);
                Control.writeLine(c.out, Control.error(request.path("op").asText() + " failed: "
                        + Bundle.oneLine(String.valueOf(e.getMessage()))));
            }
        } catch (IOException e) {
            LOG.debug("{}: connection: {}", id, e.getMessage());
        } finally {
            if (!keepOpen) {
                c.close();
            }
        }
    }

    /** Handles one request; true when the connection now belongs to a stream (an attached exec). */
    private boolean dispatch(JsonNode request, Control.Connection c) throws IOException {
        String op = request.path("op").asText("");
        switch (op) {
            case "state" -> reply(c, Control.ok().set("state", Json.mapper().valueToTree(state())));
            case "start" -> {
                startInit(null, new java.io.FileOutputStream(java.io.FileDescriptor.out),
                        new java.io.FileOutputStream(java.io.FileDescriptor.err));
                reply(c, Control.ok());
            }
            case "kill" -> {
                kill(request.path("signal").asInt(15), request.path("all").asBoolean(false));
                reply(c, Control.ok());
            }
            case "pause" -> {
                pause();
                reply(c, Control.ok());
            }
            case "resume" -> {
                resume();
                reply(c, Control.ok());
            }
            case "ps" -> reply(c, ps());
            case "resize" -> {
                resize(request.path("pid").asInt(0), request.path("width").asInt(), request.path("height").asInt());
                reply(c, Control.ok());
            }
            case "exec" -> {
                return exec(request, c);
            }
            case "delete" -> {
                // The holder process exits once destroyed() completes: answer first, so the client never
                // sees the connection end in the middle of the answer.
                try {
                    delete(request.path("force").asBoolean(false), false);
                    reply(c, Control.ok());
                } catch (RunhcsException e) {
                    Control.writeLine(c.out, Control.error(e.getMessage()));
                } catch (IOException | RuntimeException e) {
                    Control.writeLine(c.out, Control.error("delete failed: " + Bundle.oneLine(String.valueOf(e.getMessage()))));
                } finally {
                    synchronized (this) {
                        if (destroying) {
                            destroyed.complete(null);
                        }
                    }
                }
                // Left open: the holder process's exit closes it, which tells the client that it is gone.
                return true;
            }
            default -> throw new RunhcsException("unknown request \"" + op + "\"");
        }
        return false;
    }

    private static void reply(Control.Connection c, ObjectNode answer) throws IOException {
        Control.writeLine(c.out, answer);
    }

    private void requireRunning(String what) {
        String status = status();
        if (!status.equals(ContainerState.RUNNING)) {
            throw new RunhcsException("cannot " + what + " container \"" + id + "\" in state " + status);
        }
    }

    /**
     * Windows containers take console control events, not POSIX signals: INT is CtrlC, QUIT CtrlBreak, TERM
     * CtrlShutdown; KILL terminates (the process, or with --all the whole container).
     */
    void kill(int signal, boolean all) throws IOException {
        String status = status();
        if (status.equals(ContainerState.STOPPED)) {
            throw new RunhcsException("container \"" + id + "\" is not running");
        }
        SignalValueWCOW event = switch (signal) {
            case 2 -> SignalValueWCOW.CTRL_C;
            case 3 -> SignalValueWCOW.CTRL_BREAK;
            case 15 -> SignalValueWCOW.CTRL_SHUTDOWN;
            case 9 -> null;
            default -> throw new RunhcsException("signal " + signal
                    + " is not supported by Windows containers (use KILL, TERM, INT or QUIT)");
        };
        Process target;
        synchronized (this) {
            target = init;
        }
        if (target == null || (event == null && all)) {
            container.terminate();
            return;
        }
        List<Process> targets = new ArrayList<>();
        targets.add(target);
        if (all) {
            targets.addAll(execs.values());
        }
        for (Process p : targets) {
            if (event == null) {
                p.kill();
            } else {
                p.signal(SignalOptions.windows(event));
            }
        }
    }

    synchronized void pause() throws IOException {
        requireRunning("pause");
        container.pause();
        paused = true;
    }

    synchronized void resume() throws IOException {
        if (!status().equals(ContainerState.PAUSED)) {
            throw new RunhcsException("container \"" + id + "\" is not paused");
        }
        container.resume();
        paused = false;
    }

    private ObjectNode ps() throws IOException {
        ArrayNode list = Json.mapper().createArrayNode();
        if (!status().equals(ContainerState.STOPPED)) {
            Properties props = container.propertiesV2(PropertyType.PROCESS_LIST);
            if (props.processList != null) {
                for (ProcessDetails d : props.processList) {
                    list.addObject().put("pid", d.processId).put("image", d.imageName);
                }
            }
        }
        ObjectNode answer = Control.ok();
        answer.set("processes", list);
        return answer;
    }

    private void resize(int pid, int width, int height) throws IOException {
        if (width <= 0 || height <= 0 || width > 0xFFFF || height > 0xFFFF) {
            throw new RunhcsException("invalid console size " + width + "x" + height);
        }
        Process p;
        synchronized (this) {
            p = pid == 0 ? init : execs.get(pid);
        }
        if (p == null) {
            throw new RunhcsException(pid == 0 ? "container \"" + id + "\" has not been started"
                    : "no process " + pid + " started by runhcs in container \"" + id + "\"");
        }
        p.resizeConsole(width, height);
    }

    /** Starts a process from the request's OCI process; attached, streams its stdio over the connection. */
    private boolean exec(JsonNode request, Control.Connection c) throws IOException {
        io.hcs4j.schema.oci.Process spec;
        try {
            spec = Json.convert(request.path("process"), io.hcs4j.schema.oci.Process.class);
        } catch (SchemaException | IllegalArgumentException e) {
            throw new RunhcsException("invalid process: " + Bundle.oneLine(e.getMessage()));
        }
        if (request.path("inherit").asBoolean(false)) {
            spec = inherit(bundle.spec().process, spec);
        }
        boolean detach = request.path("detach").asBoolean(false);
        Process p;
        synchronized (this) {
            requireRunning("exec in");
            p = container.createProcess(ProcessDocuments.of(spec, new ProcessDocuments.Stdio(!detach, !detach, !detach)));
            execs.put(p.pid(), p);
        }
        p.exit().whenComplete((code, e) -> {
            execs.remove(p.pid());
            if (detach) {
                closeQuietly(p);
            }
        });
        reply(c, Control.ok().put("pid", p.pid()));
        if (detach) {
            return false;
        }
        stream(p, c);
        return true;
    }

    /** The exec'd process with the container process's environment (extended), directory and user as defaults. */
    static io.hcs4j.schema.oci.Process inherit(io.hcs4j.schema.oci.Process base, io.hcs4j.schema.oci.Process p) {
        List<String> env = new ArrayList<>(base.env == null ? List.of() : base.env);
        if (p.env != null) {
            env.addAll(p.env);
        }
        p.env = env.isEmpty() ? null : env;
        p.cwd = p.cwd != null ? p.cwd : base.cwd;
        p.user = p.user != null ? p.user : base.user;
        return p;
    }

    /** Copies the exec'd process's stdio over the connection and ends it with its exit code. */
    private void stream(Process p, Control.Connection c) {
        DataOutputStream out = c.out;
        Thread stdout = framePump(p.stdout(), out, Control.STDOUT);
        Thread stderr = framePump(p.stderr(), out, Control.STDERR);
        Thread stdin = new Thread(() -> {
            try {
                while (true) {
                    Control.Frame f = Control.readFrame(c.in);
                    if (f == null) {
                        // The client went away without waiting for the exit: end its process too.
                        if (!p.exit().isDone()) {
                            p.kill();
                        }
                        return;
                    }
                    if (f.type() == Control.STDIN) {
                        p.stdin().write(f.data());
                        p.stdin().flush();
                    } else if (f.type() == Control.STDIN_EOF) {
                        p.closeStdin();
                    }
                }
            } catch (IOException e) {
                LOG.debug("{}: exec stdin: {}", id, e.getMessage());
            }
        }, "runhcs-" + id + "-exec-stdin");
        stdin.setDaemon(true);
        stdin.start();
        p.exit().whenComplete((code, e) -> {
            Thread t = new Thread(() -> {
                try {
                    stdout.join(TimeUnit.SECONDS.toMillis(DRAIN_SECONDS));
                    stderr.join(TimeUnit.SECONDS.toMillis(DRAIN_SECONDS));
                    Control.writeExit(out, code == null ? 255 : code);
                } catch (IOException | InterruptedException x) {
                    LOG.debug("{}: exec exit: {}", id, x.getMessage());
                } finally {
                    closeQuietly(p);
                    c.close();
                }
            }, "runhcs-" + id + "-exec-exit");
            t.setDaemon(true);
            t.start();
        });
    }

    /**
     * Deletes the container: refused while it runs unless forced (then it is killed first). Releases everything and
     * completes {@link #destroyed()}.
     */
    void delete(boolean force) throws IOException {
        delete(force, true);
    }

    private void delete(boolean force, boolean announce) throws IOException {
        String status = status();
        if (!force && (status.equals(ContainerState.RUNNING) || status.equals(ContainerState.PAUSED))) {
            throw new RunhcsException("cannot delete container \"" + id + "\" in state " + status
                    + ": stop it first or use --force");
        }
        destroy(announce);
    }

    /** Ends the processes and the container, unmounts its layers, removes its state directory. Once. */
    void destroy() throws IOException {
        destroy(true);
    }

    /** As {@link #destroy()}; without {@code announce} the caller completes {@link #destroyed()} itself. */
    private void destroy(boolean announce) throws IOException {
        synchronized (this) {
            if (destroying) {
                try {
                    destroyed.get(Control.CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IOException("container " + id + " is being deleted by another request");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            destroying = true;
        }
        IOException failure = null;
        try {
            closeQuietly(server);
            Files.deleteIfExists(store.socket(id));
            for (Process p : execs.values()) {
                closeQuietly(p);
            }
            try {
                container.close();
            } catch (IOException e) {
                failure = e;
            }
            Process p;
            synchronized (this) {
                p = init;
            }
            if (p != null) {
                try {
                    drainInitOutput();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                closeQuietly(p);
            }
            store.remove(id);
        } catch (IOException e) {
            failure = e;
        } finally {
            if (announce) {
                destroyed.complete(null);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    // ---- stream helpers

    private Thread pump(String name, InputStream from, OutputStream to) {
        Thread t = new Thread(() -> copy(from, to), "runhcs-" + id + "-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void copy(InputStream from, OutputStream to) {
        if (from == null || to == null) {
            return;
        }
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = from.read(buf)) > 0) {
                to.write(buf, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            LoggerFactory.getLogger(Holder.class).debug("stdio copy ended: {}", e.getMessage());
        }
    }

    private Thread framePump(InputStream from, DataOutputStream out, int type) {
        Thread t = new Thread(() -> {
            if (from == null) {
                return;
            }
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = from.read(buf)) > 0) {
                    Control.writeFrame(out, type, buf, n);
                }
            } catch (IOException e) {
                LOG.debug("{}: exec output: {}", id, e.getMessage());
            }
        }, "runhcs-" + id + "-exec-out");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(Holder.class).debug("close: {}", e.getMessage());
            }
        }
    }
}
