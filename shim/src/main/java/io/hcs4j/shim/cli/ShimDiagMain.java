package io.hcs4j.shim.cli;

import io.hcs4j.platform.ChannelConnection;
import io.hcs4j.platform.posix.Libc;
import io.hcs4j.shim.api.diag.ExecProcessRequest;
import io.hcs4j.shim.api.diag.PidRequest;
import io.hcs4j.shim.api.diag.ShareRequest;
import io.hcs4j.shim.api.diag.ShimDiagGrpc;
import io.hcs4j.shim.api.diag.StacksRequest;
import io.hcs4j.shim.api.diag.StacksResponse;
import io.hcs4j.shim.api.diag.Task;
import io.hcs4j.shim.api.diag.TasksRequest;
import io.hcs4j.shim.api.diag.TasksResponse;
import io.hcs4j.shim.api.loglevel.GetLogLevelRequest;
import io.hcs4j.shim.api.loglevel.LogLevelGrpc;
import io.hcs4j.shim.api.loglevel.LogLevelResponse;
import io.hcs4j.shim.api.loglevel.SetLogLevelRequest;
import io.hcs4j.shim.ttrpc.TtrpcClient;
import io.grpc.StatusException;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code shimdiag}: hcsshim's cmd/shimdiag for this shim, a client of the ShimDiag service every shim serves on its
 * ttrpc address. A shim is named by its socket's name (as {@code list} prints it), its socket path, or the id of a
 * task it serves.
 * <pre>
 * shimdiag list                          live shims: name, pid, tasks
 * shimdiag exec [-t] SHIM ARGS...        runs ARGS in the shim's utility VM with this terminal's stdio; exits with its code
 * shimdiag stacks SHIM                   the shim's threads, then the guest's stacks
 * shimdiag tasks [-execs] SHIM           the shim's tasks (and their execs with their states)
 * shimdiag share [-ro] SHIM HOST UVM     shares a host directory into the utility VM
 * shimdiag pid SHIM                      the shim's pid
 * shimdiag loglevel SHIM [LEVEL]         the shim's log level; with LEVEL, sets it (hcs4j's LogLevel service)
 * </pre>
 */
public final class ShimDiagMain {
    private static final Duration CALL = Duration.ofSeconds(30);
    /** An exec runs as long as it runs. */
    private static final Duration EXEC = Duration.ofDays(1);

    private ShimDiagMain() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("shimdiag: " + e.getMessage());
            System.err.println("usage: shimdiag list | exec [-t] SHIM ARGS... | stacks SHIM | tasks [-execs] SHIM"
                    + " | share [-ro] SHIM HOST_PATH UVM_PATH | pid SHIM | loglevel SHIM [LEVEL]");
            code = 2;
        } catch (StatusException e) {
            System.err.println("shimdiag: " + e.getStatus().getCode() + ": " + e.getStatus().getDescription());
            code = 1;
        } catch (Exception e) {
            System.err.println("shimdiag: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    static int run(List<String> args) throws Exception {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("no command");
        }
        String command = args.get(0);
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        boolean flag = false; // -t for exec, -execs for tasks, -ro for share
        if (!rest.isEmpty() && List.of("-t", "-execs", "-ro").contains(rest.get(0))) {
            rest.remove(0);
            flag = true;
        }
        if (command.equals("list")) {
            list();
            return 0;
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(command + " needs a shim");
        }
        try (TtrpcClient shim = connect(find(rest.remove(0)))) {
            switch (command) {
                case "pid" -> System.out.println(call(shim, ShimDiagGrpc.getDiagPidMethod(), PidRequest.getDefaultInstance()).getPid());
                case "tasks" -> printTasks(call(shim, ShimDiagGrpc.getDiagTasksMethod(), TasksRequest.newBuilder().setExecs(flag).build()));
                case "stacks" -> {
                    StacksResponse s = call(shim, ShimDiagGrpc.getDiagStacksMethod(), StacksRequest.getDefaultInstance());
                    System.out.print(s.getStacks());
                    if (!s.getGuestStacks().isEmpty()) {
                        System.out.println("=== guest stacks");
                        System.out.print(s.getGuestStacks());
                    }
                }
                case "share" -> {
                    if (rest.size() != 2) {
                        throw new IllegalArgumentException("share needs a host path and a path in the utility VM");
                    }
                    call(shim, ShimDiagGrpc.getDiagShareMethod(), ShareRequest.newBuilder().setHostPath(rest.get(0))
                            .setUvmPath(rest.get(1)).setReadOnly(flag).build());
                }
                case "loglevel" -> System.out.println(logLevel(shim, rest));
                case "exec" -> {
                    return exec(shim, rest, flag);
                }
                default -> throw new IllegalArgumentException("unknown command " + command);
            }
        }
        return 0;
    }

    /** The shim's level, after setting it when a level is given. */
    private static String logLevel(TtrpcClient shim, List<String> rest) throws Exception {
        if (rest.size() > 1) {
            throw new IllegalArgumentException("loglevel takes at most one level");
        }
        LogLevelResponse r = rest.isEmpty()
                ? call(shim, LogLevelGrpc.getGetMethod(), GetLogLevelRequest.getDefaultInstance())
                : call(shim, LogLevelGrpc.getSetMethod(), SetLogLevelRequest.newBuilder().setLevel(rest.get(0)).build());
        return r.getLevel();
    }

    private static <Q, R> R call(TtrpcClient shim, io.grpc.MethodDescriptor<Q, R> method, Q request) throws Exception {
        return shim.call(method, request, CALL, Map.of());
    }

    private static TtrpcClient connect(Path socket) throws IOException {
        return new TtrpcClient(ChannelConnection.connect(socket));
    }

    /** Every socket in the shim directory that answers, with its pid and tasks. */
    private static void list() throws IOException {
        for (Path socket : sockets()) {
            try (TtrpcClient shim = connect(socket)) {
                int pid = call(shim, ShimDiagGrpc.getDiagPidMethod(), PidRequest.getDefaultInstance()).getPid();
                List<String> ids = call(shim, ShimDiagGrpc.getDiagTasksMethod(), TasksRequest.getDefaultInstance())
                        .getTasksList().stream().map(Task::getId).toList();
                System.out.println(name(socket) + "  pid " + pid + "  tasks " + String.join(",", ids));
            } catch (Exception gone) {
                // A dead shim's socket: nothing to list.
            }
        }
    }

    private static List<Path> sockets() throws IOException {
        Path dir = ShimAddress.socketDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.list(dir)) {
            return all.filter(p -> p.getFileName().toString().endsWith(".sock")).sorted().toList();
        }
    }

    private static String name(Path socket) {
        String n = socket.getFileName().toString();
        return n.substring(0, n.length() - ".sock".length());
    }

    /** A socket path or address, a name from {@code list}, or the id of a task a live shim serves. */
    static Path find(String shim) throws IOException {
        Path path = Path.of(shim.replaceFirst("^unix://", ""));
        if (shim.contains("/") && Files.exists(path)) {
            return path;
        }
        Path named = ShimAddress.socketDir().resolve(shim + ".sock");
        if (Files.exists(named)) {
            return named;
        }
        for (Path socket : sockets()) {
            try (TtrpcClient c = connect(socket)) {
                TasksResponse tasks = call(c, ShimDiagGrpc.getDiagTasksMethod(), TasksRequest.getDefaultInstance());
                if (tasks.getTasksList().stream().anyMatch(t -> t.getId().equals(shim))) {
                    return socket;
                }
            } catch (Exception gone) {
                // Not this one.
            }
        }
        throw new IOException("no shim " + shim + " (neither a socket, a name from shimdiag list, nor a task a live shim serves)");
    }

    private static void printTasks(TasksResponse r) {
        for (Task t : r.getTasksList()) {
            System.out.println(t.getId());
            t.getExecsList().forEach(e -> System.out.println("  " + e.getId() + " " + e.getState()));
        }
    }

    /**
     * Runs ARGS in the shim's utility VM: stdio through FIFOs this client creates (the shim opens them as it opens
     * containerd's), relayed to and from this process's own; the exit code is the process's.
     */
    private static int exec(TtrpcClient shim, List<String> args, boolean terminal) throws Exception {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("exec needs a program to run");
        }
        Path dir = Files.createTempDirectory("shimdiag-");
        try {
            Path in = fifo(dir.resolve("stdin"));
            Path out = fifo(dir.resolve("stdout"));
            Path err = terminal ? null : fifo(dir.resolve("stderr"));
            List<Thread> relays = new ArrayList<>();
            relays.add(relay(() -> new FileInputStream(out.toFile()), () -> keptOpen(System.out), false));
            if (err != null) {
                relays.add(relay(() -> new FileInputStream(err.toFile()), () -> keptOpen(System.err), false));
            }
            // Our stdin may never end: the process's end (System.exit) ends its relay.
            relay(() -> System.in, () -> new FileOutputStream(in.toFile()), true);
            ExecProcessRequest.Builder r = ExecProcessRequest.newBuilder().addAllArgs(args).setTerminal(terminal)
                    .setStdin(in.toString()).setStdout(out.toString());
            if (err != null) {
                r.setStderr(err.toString());
            }
            int code = shim.call(ShimDiagGrpc.getDiagExecInHostMethod(), r.build(), EXEC, Map.of()).getExitCode();
            for (Thread t : relays) {
                t.join(Duration.ofSeconds(5).toMillis());
            }
            System.out.flush();
            return code;
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static Path fifo(Path path) throws IOException {
        if (Libc.INSTANCE.mkfifo(path.toString(), 0600) != 0) {
            throw new IOException("cannot make the FIFO " + path);
        }
        return path;
    }

    private interface Opener<T> {
        T open() throws IOException;
    }

    /** Copies from {@code from} to {@code to} on a thread of its own until the end of input; closes what it opened. */
    private static Thread relay(Opener<InputStream> from, Opener<OutputStream> to, boolean daemon) {
        Thread t = new Thread(() -> {
            try (InputStream i = from.open(); OutputStream o = to.open()) {
                byte[] buf = new byte[8192];
                for (int n; (n = i.read(buf)) > 0; ) {
                    o.write(buf, 0, n);
                    o.flush();
                }
            } catch (IOException ended) {
                // The other end went away.
            }
        }, "shimdiag-relay");
        t.setDaemon(daemon);
        t.start();
        return t;
    }

    /** This process's own stream, which a relay's end must not close. */
    private static OutputStream keptOpen(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
