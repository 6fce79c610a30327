package io.hcs4j.emulator.hcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.emulator.os.Pty;
import io.hcs4j.emulator.os.Sessions;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.platform.posix.Posix;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real host process started for HcsCreateProcess, leading a session of its own (see {@link Sessions}): the
 * emulator's job object, so that terminating the process or its compute system ends everything it started. Its
 * requested stdio streams are OS pipes; the host ends (file descriptors) go to the caller as the
 * HCS_PROCESS_INFORMATION handles. With EmulateConsole the process runs on a pseudo-terminal of ConsoleSize that the
 * emulator relays to the stdin and stdout pipes, as HCS's console host does; there is no stderr then.
 */
final class EmulatedProcess {
    /** Receives the ProcessExited notification (data: the ProcessStatus document) or the service's loss. */
    interface Watcher {
        void processExited(String status);

        void serviceDisconnected();
    }

    /** How long CreateProcess waits for the session wrapper to become the program (a few exec calls). */
    private static final long EXEC_WAIT_MS = 2_000;

    final EmulatedSystem system;
    final Process process;
    final int pid;
    final int stdIn;
    final int stdOut;
    final int stdErr;
    final CompletableFuture<Integer> exit = new CompletableFuture<>();
    final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    /** The process's console, or null without EmulateConsole. */
    final EmulatedConsole console;

    private EmulatedProcess(EmulatedSystem system, Process process, int stdIn, int stdOut, int stdErr,
                            EmulatedConsole console) {
        this.system = system;
        this.process = process;
        this.pid = (int) process.pid();
        this.stdIn = stdIn;
        this.stdOut = stdOut;
        this.stdErr = stdErr;
        this.console = console;
    }

    /** Starts the process described by schema2 ProcessParameters / schema1 ProcessConfig. */
    static EmulatedProcess spawn(EmulatedSystem system, ObjectNode params, Path root) {
        List<String> command = command(params);
        File dir = workingDirectory(params, root);
        ProcessBuilder pb = new ProcessBuilder().directory(dir);
        Map<String, String> env = pb.environment();
        String hostPath = env.get("PATH");
        env.clear();
        env.put("PATH", hostPath == null ? "/usr/local/bin:/usr/bin:/bin" : hostPath);
        params.path("Environment").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        command.set(0, program(command.get(0), root, dir, env.get("PATH"), hostPath));
        pb.command(command);

        boolean emulateConsole = params.path("EmulateConsole").asBoolean();
        int[] in = params.path("CreateStdInPipe").asBoolean() ? Posix.pipe() : null;
        int[] out = params.path("CreateStdOutPipe").asBoolean() ? Posix.pipe() : null;
        int[] err = params.path("CreateStdErrPipe").asBoolean() && !emulateConsole ? Posix.pipe() : null;
        Process p;
        EmulatedConsole console = null;
        try {
            if (emulateConsole) {
                // ConsoleSize is [height, width].
                JsonNode size = params.path("ConsoleSize");
                Pty pty = Pty.open(size.path(1).asInt(0), size.path(0).asInt(0));
                try {
                    p = pty.start(pb);
                } catch (IOException e) {
                    pty.close();
                    throw e;
                }
                // The console relays the process-side pipe ends from now on.
                try {
                    console = EmulatedConsole.relay(pty, "pid-" + p.pid(), takeEnd(in, 0), takeEnd(out, 1));
                } catch (IOException e) {
                    Sessions.kill(p.pid(), true);
                    throw e;
                }
            } else {
                pb.command(Sessions.inNewSession(command));
                pb.redirectInput(in == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                        : ProcessBuilder.Redirect.from(fdFile(in[0])));
                pb.redirectOutput(out == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(fdFile(out[1])));
                pb.redirectError(err == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(fdFile(err[1])));
                p = pb.start();
            }
        } catch (IOException e) {
            closeAll(in, out, err);
            throw new HcsFault(hresultOf(e), "cannot start " + command + ": " + e.getMessage());
        } finally {
            // The child has its own copies of these ends now (or never will).
            closeEnd(in, 0);
            closeEnd(out, 1);
            closeEnd(err, 1);
        }
        Sessions.awaitExec(p.toHandle(), EXEC_WAIT_MS);
        return new EmulatedProcess(system, p, in == null ? -1 : in[1], out == null ? -1 : out[0],
                err == null ? -1 : err[0], console);
    }

    /** Hands one end of a pipe over to a new owner: -1 when there is no pipe. */
    private static int takeEnd(int[] pipe, int end) {
        if (pipe == null) {
            return -1;
        }
        int fd = pipe[end];
        pipe[end] = -1;
        return fd;
    }

    private static File fdFile(int fd) {
        return new File("/proc/self/fd/" + fd);
    }

    private static void closeEnd(int[] pipe, int end) {
        if (pipe != null && pipe[end] >= 0) {
            Posix.close(pipe[end]);
            pipe[end] = -1;
        }
    }

    private static void closeAll(int[]... pipes) {
        for (int[] p : pipes) {
            closeEnd(p, 0);
            closeEnd(p, 1);
        }
    }

    private static int hresultOf(IOException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("error=13")) {
            return HResults.E_ACCESSDENIED;
        }
        if (m.contains("error=2,")) {
            return 0x80070002; // ERROR_FILE_NOT_FOUND
        }
        return 0x80004005; // E_FAIL
    }

    /** CommandArgs when given, else CommandLine split the way a Windows command line is (quotes group words). */
    static List<String> command(ObjectNode params) {
        List<String> args = new ArrayList<>();
        JsonNode commandArgs = params.path("CommandArgs");
        if (commandArgs.isArray() && !commandArgs.isEmpty()) {
            commandArgs.forEach(a -> args.add(a.asText()));
            return args;
        }
        String line = params.path("CommandLine").asText("");
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                word.append('"');
                i++;
                inWord = true;
            } else if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (inWord) {
                    args.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            args.add(word.toString());
        }
        if (args.isEmpty()) {
            throw new HcsFault(HResults.E_INVALIDARG, "ProcessParameters has neither CommandLine nor CommandArgs");
        }
        return args;
    }

    /**
     * The working directory. In a container with a root (its storage path) every absolute path is inside that root:
     * {@code C:\\}, {@code C:\\app}, {@code \\app} and {@code /app} name the root and its {@code app} directory, and so
     * do relative paths; none may leave the root. Elsewhere the path is the host's.
     */
    private static File workingDirectory(ObjectNode params, Path root) {
        String wd = params.path("WorkingDirectory").asText("");
        Path dir = root != null ? inRoot(wd, root, root) : wd.isEmpty() ? null : Path.of(wd);
        if (dir == null) {
            return null;
        }
        if (!Files.isDirectory(dir)) {
            throw new HcsFault(0x80070003, "WorkingDirectory " + wd + " does not exist"); // ERROR_PATH_NOT_FOUND
        }
        return dir.toFile();
    }

    /**
     * The program as an executable host path: in a container with a root, a path (Windows or POSIX style) inside the
     * root; a bare name is looked up on the process's PATH, then on the emulator's own (as the JDK would). Missing:
     * ERROR_FILE_NOT_FOUND; not executable: E_ACCESSDENIED, as CreateProcess reports them.
     */
    private static String program(String name, Path root, File dir, String path, String hostPath) {
        boolean bare = !name.contains("/") && !(root != null && (name.contains("\\") || isDrivePath(name)));
        Path found = null;
        if (bare) {
            for (String search : new String[] {path, hostPath}) {
                for (String d : search == null ? new String[0] : search.split(":")) {
                    Path candidate = Path.of(d.isEmpty() ? "." : d, name);
                    if (found == null && Files.isRegularFile(candidate)) {
                        found = candidate;
                    }
                }
            }
        } else if (root != null) {
            found = inRoot(name, root, dir == null ? root : dir.toPath());
        } else {
            found = dir == null || name.startsWith("/") ? Path.of(name) : dir.toPath().resolve(name);
        }
        if (found == null || !Files.isRegularFile(found)) {
            throw new HcsFault(0x80070002, "cannot start " + name + ": no such file"); // ERROR_FILE_NOT_FOUND
        }
        if (!Files.isExecutable(found)) {
            throw new HcsFault(HResults.E_ACCESSDENIED, "cannot start " + name + ": not executable");
        }
        return found.toString();
    }

    private static boolean isDrivePath(String p) {
        return p.length() >= 2 && p.charAt(1) == ':' && Character.isLetter(p.charAt(0))
                && (p.length() == 2 || p.charAt(2) == '\\' || p.charAt(2) == '/');
    }

    /**
     * A container path on the host: a drive letter is dropped ({@code C:} is the root), backslashes separate, absolute
     * paths start at {@code root} and relative ones at {@code base}. A path that leaves the root, by {@code ..} or by a
     * symbolic link, is E_INVALIDARG.
     */
    static Path inRoot(String path, Path root, Path base) {
        String p = isDrivePath(path) ? path.substring(2) : path;
        p = p.replace('\\', '/');
        Path target = (p.startsWith("/") ? root.resolve(p.replaceFirst("^/+", "")) : base.resolve(p)).normalize();
        Path top = root.normalize();
        boolean inside = target.startsWith(top);
        if (inside && Files.exists(target)) {
            try {
                inside = target.toRealPath().startsWith(top.toRealPath());
            } catch (IOException e) {
                inside = false;
            }
        }
        if (!inside) {
            throw new HcsFault(HResults.E_INVALIDARG, "path " + path + " leaves the container's root");
        }
        return target;
    }

    boolean exited() {
        return exit.isDone();
    }

    /** ProcessStatus: {ProcessId, Exited, ExitCode, LastWaitResult}. */
    String status() {
        ObjectNode s = JsonDocs.newObject().put("ProcessId", pid).put("Exited", exited());
        if (exited()) {
            s.put("ExitCode", exit.join());
        }
        return s.put("LastWaitResult", 0).toString();
    }

    /** Delivers a signal to the process alone; a process that has exited is HCS_E_PROCESS_ALREADY_STOPPED. */
    void signal(int sig) {
        if (exited() || !Posix.kill(pid, sig)) {
            throw new HcsFault(HResults.HCS_E_PROCESS_ALREADY_STOPPED, "process " + pid + " has already exited");
        }
    }

    /**
     * Terminates the process and everything it started (its session), as HCS does with a process's job; refused with
     * HCS_E_PROCESS_ALREADY_STOPPED once the process itself has exited.
     */
    void terminate() {
        if (exited()) {
            throw new HcsFault(HResults.HCS_E_PROCESS_ALREADY_STOPPED, "process " + pid + " has already exited");
        }
        killTree();
    }

    /** A console control event: the signal for the process's whole tree; refused once the process has exited. */
    void controlEvent(int sig) {
        if (exited()) {
            throw new HcsFault(HResults.HCS_E_PROCESS_ALREADY_STOPPED, "process " + pid + " has already exited");
        }
        signalTree(sig);
    }

    /** Signals every process of this process's session (those left behind by an exited leader too). */
    void signalTree(int sig) {
        Sessions.signal(pid, sig, !exited());
    }

    /** SIGKILL for the whole tree. */
    void killTree() {
        Sessions.kill(pid, !exited());
    }

    /** Resizes the console: HCS_E_INVALID_STATE without one, HCS_E_PROCESS_ALREADY_STOPPED once exited. */
    void resizeConsole(int width, int height) {
        if (exited()) {
            throw new HcsFault(HResults.HCS_E_PROCESS_ALREADY_STOPPED, "process " + pid + " has exited");
        }
        if (console == null) {
            throw new HcsFault(HResults.HCS_E_INVALID_STATE, "process " + pid + " has no console");
        }
        console.resize(width, height);
    }
}
