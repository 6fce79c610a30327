package io.hcs4j.runhcs;

import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.log.Logging;
import io.hcs4j.platform.Detached;
import io.hcs4j.runhcs.scratch.CreateScratch;
import io.hcs4j.platform.PeerCredentials;
import io.hcs4j.platform.Streams;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.SchemaException;
import io.hcs4j.schema.oci.Process;
import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.event.Level;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

/**
 * runhcs: a runc-style command line over cow containers. Each container is held by one process (see {@link Holder}):
 * {@code run} holds its container itself; {@code create} starts a holder process and returns once the container is
 * created. Every other command talks to the holder over the container's control socket under the state root.
 */
@Command(name = "runhcs", mixinStandardHelpOptions = true, version = "runhcs (hcs4j) 0.1.0",
        description = "Run Windows containers from OCI bundles through HCS (the HCS emulator on other hosts).",
        subcommands = {Runhcs.Create.class, Runhcs.Start.class, Runhcs.Run.class, Runhcs.Exec.class,
                Runhcs.Kill.class, Runhcs.Delete.class, Runhcs.ListCmd.class, Runhcs.State.class, Runhcs.Ps.class,
                Runhcs.Pause.class, Runhcs.Resume.class, Runhcs.ResizeTty.class, Runhcs.CreateScratchCmd.class,
                Runhcs.HolderCmd.class})
public final class Runhcs {
    /** How long create waits for its holder to report the container created. */
    static final long CREATE_TIMEOUT_SECONDS = 120;
    /** How long delete waits for the holder process to be gone after it answered. */
    static final long HOLDER_EXIT_SECONDS = 15;

    @Option(names = "--root", description = "state root (default: HCS4J_ROOT, else /run/hcs4j/runhcs as root, "
            + "$XDG_RUNTIME_DIR/hcs4j/runhcs otherwise); it must be the user's alone")
    String root;

    @Option(names = "--log", description = "log file (default: stderr; holders log to <root>/<id>/holder.log)")
    String log;

    @Option(names = "--debug", description = "log debug output")
    boolean debug;

    private StateStore store;

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "runhcs-timeout");
        t.setDaemon(true);
        return t;
    });

    StateStore store() {
        if (store == null) {
            store = StateStore.open(root);
        }
        return store;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs one command line; returns its exit code. */
    static int execute(String... args) {
        CommandLine cli = new CommandLine(new Runhcs());
        // exec's command keeps its own options: everything after the container id is the command.
        cli.getSubcommands().get("exec").setStopAtPositional(true);
        cli.setExecutionStrategy(parsed -> {
            Runhcs top = parsed.asCommandLineList().get(0).getCommand();
            configureLogging(top.log, top.debug);
            return new CommandLine.RunLast().execute(parsed);
        });
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("runhcs: " + Bundle.oneLine(e.getMessage())
                    + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof RunhcsException r) {
                command.getErr().println("runhcs: " + Bundle.oneLine(r.getMessage()));
                return r.exitCode();
            }
            org.slf4j.LoggerFactory.getLogger(Runhcs.class).debug("command failed", e);
            command.getErr().println("runhcs: " + Bundle.oneLine(String.valueOf(e.getMessage())));
            return 1;
        });
        return cli.execute(args);
    }

    /** Warnings and errors (everything with --debug) to stderr, or appended to the --log file as runc does. */
    static void configureLogging(String logFile, boolean debug) {
        Logging.setLevel(debug ? Level.DEBUG : Level.WARN);
        Logging.showTimes(true);
        if (logFile != null && !logFile.isEmpty()) {
            try {
                Logging.writeTo(new PrintStream(new FileOutputStream(logFile, true), true, StandardCharsets.UTF_8));
            } catch (FileNotFoundException e) {
                System.err.println("runhcs: cannot open the log file, logging to stderr: " + e.getMessage());
            }
        }
    }

    // ---- talking to holders

    /** A container's holder answers; a missing container or a dead holder is a clear error. */
    static JsonNode ask(StateStore store, String id, ObjectNode request) throws IOException {
        ContainerIds.validate(id);
        if (!store.exists(id)) {
            throw new RunhcsException("container \"" + id + "\" does not exist");
        }
        JsonNode answer = Control.call(store.socket(id), request);
        if (answer == null) {
            throw new RunhcsException(store.read(id) == null ? "container \"" + id + "\" is still being created"
                    : "container \"" + id + "\" has no live holder (it died): delete it");
        }
        return answer;
    }

    /** The container's state: from its holder, or "stopped" when the holder has died. */
    static ContainerState state(StateStore store, String id) throws IOException {
        StateStore.Record record = store.read(id);
        if (record == null) {
            return new ContainerState(Holder.OCI_VERSION, id, 0, ContainerState.CREATING, "", "", "", "");
        }
        JsonNode answer;
        try {
            answer = Control.call(store.socket(id), Control.request("state"));
        } catch (RunhcsException e) {
            answer = null;
        }
        if (answer == null) {
            return record.state().withStatus(ContainerState.STOPPED, 0);
        }
        return Json.convert(answer.get("state"), ContainerState.class);
    }

    static int parseSignal(String s) {
        String name = s.toUpperCase(Locale.ROOT);
        if (name.startsWith("SIG")) {
            name = name.substring(3);
        }
        Integer n = switch (name) {
            case "HUP" -> 1;
            case "INT" -> 2;
            case "QUIT" -> 3;
            case "KILL" -> 9;
            case "USR1" -> 10;
            case "USR2" -> 12;
            case "TERM" -> 15;
            default -> null;
        };
        if (n != null) {
            return n;
        }
        try {
            int v = Integer.parseInt(s);
            if (v >= 1 && v <= 64) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new RunhcsException("unknown signal \"" + s + "\"");
    }

    static PrintStream stdout() {
        return new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    }

    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        Runhcs top;

        StateStore store() {
            return top.store();
        }
    }

    // ---- commands

    @Command(name = "create", description = "Create a container from a bundle; its holder keeps running in the "
            + "background and passes the container's output through to this command's stdout/stderr.")
    static final class Create extends Sub {
        @Option(names = {"-b", "--bundle"}, description = "bundle directory (default: current directory)")
        String bundle;

        @Option(names = "--pid-file", description = "write the holder's pid to this file")
        String pidFile;

        @Parameters(index = "0", paramLabel = "<container-id>")
        String id;

        @Override
        public Integer call() throws Exception {
            long pid = spawnHolder(top, id, bundle);
            writePidFile(pidFile, pid);
            return 0;
        }
    }

    /** Gives a holder that is ending (it failed, or was killed) a bounded time to be gone. */
    private static void awaitExit(ProcessHandle holder) throws InterruptedException {
        try {
            holder.onExit().get(HOLDER_EXIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // reported by the caller all the same
        }
    }

    /** Starts a holder process for the container and waits until it reports the container created (or failed). */
    static long spawnHolder(Runhcs top, String id, String bundleOption) throws IOException, InterruptedException {
        ContainerIds.validate(id);
        Bundle bundle = Bundle.load(bundleOption);
        StateStore store = top.store();
        store.reserve(id);
        Path ready = store.dir(id).resolve("ready.sock");
        ProcessHandle holder = null;
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(ready));
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(Runhcs.class.getName());
            cmd.add("--root");
            cmd.add(store.root().toString());
            cmd.add("--log");
            cmd.add(top.log != null ? top.log : store.dir(id).resolve("holder.log").toString());
            if (top.debug) {
                cmd.add("--debug");
            }
            cmd.addAll(List.of("holder", "--bundle", bundle.dir().toString(), "--ready", ready.toString(), id));
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            // Detached: the holder outlives this command, in a session of its own.
            holder = Detached.start(pb).orElseThrow(() -> new RunhcsException("the holder of container \"" + id
                    + "\" exited at once (see its log)"));
            // A holder that dies before reporting must not leave us waiting.
            holder.onExit().thenRun(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // accept() fails and we report below
                }
            });
            CompletableFuture<JsonNode> report = CompletableFuture.supplyAsync(() -> {
                try (SocketChannel ch = Control.acceptTrusted(server)) {
                    return Control.readLine(Streams.input(ch));
                } catch (IOException e) {
                    return null;
                }
            });
            JsonNode answer;
            try {
                answer = report.get(CREATE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                holder.destroyForcibly();
                throw new RunhcsException("container \"" + id + "\" was not created within " + CREATE_TIMEOUT_SECONDS
                        + " s");
            } catch (ExecutionException e) {
                answer = null;
            }
            if (answer == null) {
                awaitExit(holder);
                throw new RunhcsException("the holder of container \"" + id + "\" exited before creating it"
                        + " (see its log)");
            }
            if (!answer.path("ok").asBoolean()) {
                awaitExit(holder);
                throw new RunhcsException(answer.path("error").asText("create failed"));
            }
            return holder.pid();
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (holder != null && holder.isAlive()) {
                holder.destroyForcibly();
                awaitExit(holder);
            }
            store.remove(id);
            throw e;
        } finally {
            server.close();
            Files.deleteIfExists(ready);
        }
    }

    static void writePidFile(String pidFile, long pid) throws IOException {
        if (pidFile != null && !pidFile.isEmpty()) {
            Files.writeString(Path.of(pidFile), Long.toString(pid));
        }
    }

    @Command(name = "create-scratch", description = "Create an empty ext4-formatted scratch disk for Linux "
            + "containers (a VHDX on Windows; a sparse image with a fixed-VHD footer on the emulator).")
    static final class CreateScratchCmd implements Callable<Integer> {
        @Option(names = {"--destpath", "-destpath"}, description = "Required: the destination disk path")
        String destpath;

        @Option(names = {"--sizeGB", "-sizeGB"}, description = "the size in GB of the disk (default and 0: "
                + CreateScratch.DEFAULT_SIZE_GB + ")")
        long sizeGb;

        @Option(names = {"--cache-path", "-cache-path"}, description = "an existing scratch disk to copy instead "
                + "of creating one (default size only); made from the new disk when missing")
        String cachePath;

        @Option(names = {"--use-virtual-memory", "-use-virtual-memory"},
                description = "back the formatting utility VM with virtual memory (Windows)")
        boolean useVirtualMemory;

        @Override
        public Integer call() throws IOException {
            if (destpath == null || destpath.isEmpty()) {
                throw new RunhcsException("'destpath' is required");
            }
            try {
                CreateScratch.run(Backend.scratchDisks(useVirtualMemory), Path.of(destpath), sizeGb,
                        cachePath == null || cachePath.isEmpty() ? null : Path.of(cachePath));
            } catch (IllegalArgumentException | IOException e) {
                throw new RunhcsException("create-scratch: " + (e instanceof java.nio.file.FileSystemException f
                        && f.getReason() != null ? f.getFile() + ": " + f.getReason() : e.getMessage()));
            }
            return 0;
        }
    }

    @Command(name = "holder", hidden = true, description = "Hold a container (started by create).")
    static final class HolderCmd extends Sub {
        @Option(names = "--bundle", required = true)
        String bundle;

        @Option(names = "--ready", required = true)
        String ready;

        @Parameters(index = "0")
        String id;

        @Override
        public Integer call() throws Exception {
            ObjectNode report;
            Holder holder = null;
            try {
                holder = Holder.create(store(), id, Bundle.load(bundle), Backend.containerFactory());
                report = Control.ok().put("pid", ProcessHandle.current().pid());
            } catch (RunhcsException e) {
                report = Control.error(e.getMessage());
            } catch (IOException | RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Runhcs.class).warn("{}: create failed", id, e);
                report = Control.error("cannot create container \"" + id + "\": "
                        + Bundle.oneLine(String.valueOf(e.getMessage())));
            }
            try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(Path.of(ready)))) {
                PeerCredentials.requireTrusted(ch, ready);
                Control.writeLine(Streams.output(ch), report);
            } catch (IOException e) {
                // create gave up on us: nobody wants this container
                if (holder != null) {
                    holder.destroy();
                }
                return 1;
            }
            if (holder == null) {
                return 1;
            }
            Holder h = holder;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> destroyQuietly(h)));
            h.destroyed().join();
            return 0;
        }
    }

    static void destroyQuietly(Holder h) {
        try {
            h.destroy();
        } catch (IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Runhcs.class).warn("{}: cleanup failed", h.id(), e);
        }
    }

    @Command(name = "start", description = "Start the init process of a created container.")
    static final class Start extends Sub {
        @Parameters(index = "0", paramLabel = "<container-id>")
        String id;

        @Override
        public Integer call() throws Exception {
            ask(store(), id, Control.request("start"));
            return 0;
        }
    }

    @Command(name = "run", description = "Create and start a container; without --detach, wait for it, pass its "
            + "stdio through, delete it and exit with its exit code.")
    static final class Run extends Sub {
        @Option(names = {"-b", "--bundle"}, description = "bundle directory (default: current directory)")
        String bundle;

        @Option(names = {"-d", "--detach"}, description = "detach from the container's process")
        boolean detach;

        @Option(names = "--pid-file", description = "write the container's init pid to this file")
        String pidFile;

        @Option(names = "--keep", description = "do not delete the container after it exits")
        boolean keep;

        @Parameters(index = "0", paramLabel = "<container-id>")
        String id;

        @Override
        public Integer call() throws Exception {
            if (detach) {
                spawnHolder(top, id, bundle);
                JsonNode started = ask(store(), id, Control.request("start"));
                writePidFile(pidFile, state(store(), id).pid());
                return started.path("ok").asBoolean() ? 0 : 1;
            }
            ContainerIds.validate(id);
            Bundle b = Bundle.load(bundle);
            StateStore store = store();
            store.reserve(id);
            Holder h = Holder.create(store, id, b, Backend.containerFactory());
            Thread cleanup = new Thread(() -> destroyQuietly(h));
            Runtime.getRuntime().addShutdownHook(cleanup);
            try {
                h.startInit(System.in, new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err));
                writePidFile(pidFile, h.state().pid());
                // Ends when init exits, or when another command deletes the container under us.
                CompletableFuture.anyOf(h.initExit(), h.destroyed()).join();
                int code = h.initExit().getNow(255);
                h.drainInitOutput();
                if (!keep) {
                    h.destroy();
                }
                return code;
            } finally {
                if (!keep) {
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                } else {
                    h.destroyed().join();
                }
            }
        }
    }

    @Command(name = "exec", description = "Run a process in a running container; exit with its exit code.")
    static final class Exec extends Sub {
        @Option(names = {"-p", "--process"}, description = "a JSON file with the OCI process to run")
        String processFile;

        @Option(names = {"-d", "--detach"}, description = "detach from the process (print nothing, exit 0)")
        boolean detach;

        @Option(names = {"-t", "--tty"}, description = "allocate a console")
        boolean tty;

        @Option(names = "--cwd", description = "working directory in the container")
        String cwd;

        @Option(names = {"-e", "--env"}, description = "set an environment variable (KEY=VALUE)")
        List<String> env = new ArrayList<>();

        @Option(names = {"-u", "--user"}, description = "user to run as")
        String user;

        @Option(names = "--pid-file", description = "write the process's pid to this file")
        String pidFile;

        @Parameters(index = "0", paramLabel = "<container-id>")
        String id;

        @Parameters(index = "1..*", paramLabel = "<command>")
        List<String> command = new ArrayList<>();

        /** A command given on the command line starts from the container's own process, like runc's exec. */
        private boolean inherit;

        @Override
        public Integer call() throws Exception {
            ContainerIds.validate(id);
            Process p = processSpec();
            ObjectNode request = Control.request("exec").put("detach", detach).put("inherit", inherit);
            request.set("process", Json.mapper().valueToTree(p));
            if (!store().exists(id)) {
                throw new RunhcsException("container \"" + id + "\" does not exist");
            }
            try (Control.Connection c = Control.connect(store().socket(id))) {
                if (c == null) {
                    throw new RunhcsException("container \"" + id + "\" has no live holder");
                }
                JsonNode answer = c.send(request);
                writePidFile(pidFile, answer.path("pid").asLong());
                if (detach) {
                    return 0;
                }
                return attach(c);
            }
        }

        private Process processSpec() throws IOException {
            Process p;
            if (processFile != null) {
                try {
                    p = Json.read(Files.readAllBytes(Path.of(processFile)), Process.class);
                } catch (NoSuchFileException e) {
                    throw new RunhcsException("process file " + processFile + " does not exist");
                } catch (SchemaException e) {
                    throw new RunhcsException("invalid process file " + processFile + ": " + Bundle.oneLine(e.getMessage()));
                }
            } else {
                if (command.isEmpty()) {
                    throw new RunhcsException("exec needs a command (or --process)");
                }
                p = new Process();
                p.args = command;
                inherit = true;
            }
            if (cwd != null) {
                p.cwd = cwd;
            }
            if (!env.isEmpty()) {
                List<String> merged = new ArrayList<>(p.env == null ? List.of() : p.env);
                merged.addAll(env);
                p.env = merged;
            }
            if (user != null) {
                p.user = new io.hcs4j.schema.oci.User();
                p.user.username = user;
            }
            p.terminal = p.terminal || tty;
            return p;
        }

        /** Relays stdin to the process and its output back until the exit frame arrives. */
        private static int attach(Control.Connection c) throws IOException {
            Thread stdin = new Thread(() -> {
                byte[] buf = new byte[8192];
                InputStream in = System.in;
                try {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        Control.writeFrame(c.out, Control.STDIN, buf, n);
                    }
                    Control.writeFrame(c.out, Control.STDIN_EOF, buf, 0);
                } catch (IOException e) {
                    // the process ended and the connection with it
                }
            }, "runhcs-exec-stdin");
            stdin.setDaemon(true);
            stdin.start();
            OutputStream out = new FileOutputStream(FileDescriptor.out);
            OutputStream err = new FileOutputStream(FileDescriptor.err);
            DataInputStream in = c.in;
            while (true) {
                Control.Frame f = Control.readFrame(in);
                if (f == null) {
                    throw new RunhcsException("lost the connection to the container before the process exited");
                }
                switch (f.type()) {
                    case Control.STDOUT -> {
                        out.write(f.data());
                        out.flush();
                    }
                    case Control.STDERR -> {
                        err.write(f.data());
                        err.flush();
                    }
                    case Control.EXIT -> {
                        return f.exitCode();
                    }
                    default -> throw new IOException("unexpected frame type " + f.type());
                }
            }
        }
    }

    @Command(name = "kill", description = "Send a signal (default TERM) to the container's init process.")
    static final class Kill extends Sub {
        @Option(names = {"-a", "--all"}, description = "signal every process runhcs started in the container")
        boolean all;

        @Parameters(index = "0", paramLabel = "<container-id>")
        String id;

        @Parameters(index = "1", arity = "0..1", paramLabel = "<signal>", defaultValue = "TERM")
        String signal;

        @Override
        public Integer call() throws Exception {
            int sig = parseSignal(signal);
            ask(store(), id, Control.request("kill").put("signal", sig).put("all", all));
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a container and everything it holds.")
    static final class Delete extends Sub {
        @Option(names = {"-f", "--force"}, description = "kill the container first if it is running")
        boolean force;

        @Parameters(index = "0", paramLabel = "<container-id>")
        String id;

        @Override
        public Integer call() throws Exception {
            StateStore store = store();
            ContainerIds.validate(id);
            if (!store.exists(id)) {
                throw new RunhcsException("container \"" + id + "\" does not exist");
            }
            StateStore.Record record = store.read(id);
            try (Control.Connection c = Control.connect(store.socket(id))) {
                if (c == null) {
                    if (record == null) {
                        throw new RunhcsException("container \"" + id + "\" is still being created");
                    }
                    Optional<ProcessHandle> holder = ProcessHandle.of(record.holderPid());
                    if (holder.isPresent() && holder.get().isAlive()
                            && holder.get().info().commandLine().orElse("").contains(Runhcs.class.getName())) {
                        throw new RunhcsException("the holder of container \"" + id + "\" (pid " + record.holderPid()
                                + ") does not answer");
                    }
                    store.remove(id);   // its holder died: only the state is left
                    return 0;
                }
                ScheduledFuture<?> watchdog = WATCHDOG.schedule(c::close, HOLDER_EXIT_SECONDS, TimeUnit.SECONDS);
                try {
                    c.send(Control.request("delete").put("force", force));
                    // The holder keeps this connection until its process exits: end of stream means it is gone.
                    while (c.in.read() >= 0) {
                        // nothing more is sent
                    }
                } catch (IOException e) {
                    if (watchdog.isDone()) {
                        throw new RunhcsException("the holder of container \"" + id + "\" did not exit within "
                                + HOLDER_EXIT_SECONDS + " s after the delete");
                    }
                    throw e;
                } finally {
                    watchdog.cancel(false);
                }
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List containers.")
    static final class ListCmd extends Sub {
        @Option(names = {"-f", "--format"}, defaultValue = "table", description = "table or json")
        String format;

        @Option(names = {"-q", "--quiet"}, description = "print only the container ids")
        boolean quiet;

        @Override
        public Integer call() throws Exception {
            List<ContainerState> states = new ArrayList<>();
            for (String id : store().ids()) {
                try {
                    ContainerState s = state(store(), id);
                    if (store().exists(id)) {       // not deleted while we looked
                        states.add(s);
                    }
                } catch (RunhcsException e) {
                    // deleted while we looked
                }
            }
            PrintStream out = stdout();
            if (quiet) {
                states.forEach(s -> out.println(s.id()));
            } else if (format.equals("json")) {
                out.println(Json.write(states));
            } else if (format.equals("table")) {
                out.printf("%-12s %-8s %-10s %-40s %-32s %s%n", "ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER");
                for (ContainerState s : states) {
                    out.printf("%-12s %-8d %-10s %-40s %-32s %s%n", s.id(), s.pid(), s.status(), s.bundle(),
                            s.created(), s.owner());
                }
            } else {
                throw new RunhcsException("invalid format \"" + format + "\" (table or json)");
            }
            return 0;
        }
    }

    @Command(name = "state", description = "Print a container's state as JSON.")
    static final class State extends Sub {
        @Parameters(index = "0", paramLabel = "<container-id>")
        String id;

        @Override
        public Integer call() throws Exception {
            ContainerIds.validate(id);
            if (!store().exists(id)) {
                throw new RunhcsException("container \"" + id + "\" does not exist");
            }
            // Indented like runc's (Go's MarshalIndent): "key": value.
            DefaultPrettyPrinter pretty = new DefaultPrettyPrinter().withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
            stdout().println(Json.mapper().writer(pretty).writeValueAsString(state(store(), id)));
            return 0;
        }
    }

    @Command(name = "ps", description = "List the processes running in a container.")
    static final class Ps extends Sub {
        @Option(names = {"-f", "--format"}, defaultValue = "table", description = "table or json")
        String format;

        @Parameters(index = "0", paramLabel = "<container-id>")
        String id;

        @Override
        public Integer call() throws Exception {
            if (!format.equals("json") && !format.equals("table")) {
                throw new RunhcsException("invalid format \"" + format + "\" (table or json)");
            }
            JsonNode processes = ask(store(), id, Control.request("ps")).path("processes");
            PrintStream out = stdout();
            if (format.equals("json")) {
                List<Integer> pids = new ArrayList<>();
                processes.forEach(p -> pids.add(p.path("pid").asInt()));
                out.println(Json.write(pids));
            } else {
                out.printf("%-8s %s%n", "PID", "IMAGE");
                processes.forEach(p -> out.printf("%-8d %s%n", p.path("pid").asInt(), p.path("image").asText()));
            }
            return 0;
        }
    }

    @Command(name = "pause", description = "Pause every process of a container.")
    static final class Pause extends Sub {
        @Parameters(index = "0", paramLabel = "<container-id>")
        String id;

        @Override
        public Integer call() throws Exception {
            ask(store(), id, Control.request("pause"));
            return 0;
        }
    }

    @Command(name = "resume", description = "Resume a paused container.")
    static final class Resume extends Sub {
        @Parameters(index = "0", paramLabel = "<container-id>")
        String id;

        @Override
        public Integer call() throws Exception {
            ask(store(), id, Control.request("resume"));
            return 0;
        }
    }

    @Command(name = "resize-tty", description = "Resize the console of the init process (or of --pid).")
    static final class ResizeTty extends Sub {
        @Option(names = {"-p", "--pid"}, description = "an exec'd process (default: the init process)")
        int pid;

        @Parameters(index = "0", paramLabel = "<container-id>")
        String id;

        @Parameters(index = "1", paramLabel = "<width>")
        int width;

        @Parameters(index = "2", paramLabel = "<height>")
        int height;

        @Override
        public Integer call() throws Exception {
            ask(store(), id, Control.request("resize").put("pid", pid).put("width", width).put("height", height));
            return 0;
        }
    }

}
