package io.hcs4j.emulator.hcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.emulator.os.Posix;

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
 * A real host process started for HcsCreateProcess. Its requested stdio streams are OS pipes; the host ends
 * (file descriptors) go to the caller as the HCS_PROCESS_INFORMATION handles.
 */
final class EmulatedProcess {
    /** Receives the ProcessExited notification (data: the ProcessStatus document) or the service's loss. */
    interface Watcher {
        void processExited(String status);

        void serviceDisconnected();
    }

    final EmulatedSystem system;
    final Process process;
    final int pid;
    final int stdIn;
    final int stdOut;
    final int stdErr;
    final CompletableFuture<Integer> exit = new CompletableFuture<>();
    final List<Watcher> watchers = new CopyOnWriteArrayList<>();

    private EmulatedProcess(EmulatedSystem system, Process process, int stdIn, int stdOut, int stdErr) {
        this.system = system;
        this.process = process;
        this.pid = (int) process.pid();
        this.stdIn = stdIn;
        this.stdOut = stdOut;
        this.stdErr = stdErr;
    }

    /** Starts the process described by schema2 ProcessParameters / schema1 ProcessConfig. */
    static EmulatedProcess spawn(EmulatedSystem system, ObjectNode params, Path root) {
        ProcessBuilder pb = new ProcessBuilder(command(params));
        pb.directory(workingDirectory(params, root));
        Map<String, String> env = pb.environment();
        String hostPath = env.get("PATH");
        env.clear();
        env.put("PATH", hostPath == null ? "/usr/local/bin:/usr/bin:/bin" : hostPath);
        params.path("Environment").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));

        int[] in = params.path("CreateStdInPipe").asBoolean() ? Posix.pipe() : null;
        int[] out = params.path("CreateStdOutPipe").asBoolean() ? Posix.pipe() : null;
        int[] err = params.path("CreateStdErrPipe").asBoolean() ? Posix.pipe() : null;
        pb.redirectInput(in == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                : ProcessBuilder.Redirect.from(fdFile(in[0])));
        pb.redirectOutput(out == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(fdFile(out[1])));
        pb.redirectError(err == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(fdFile(err[1])));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            closeAll(in, out, err);
            throw new HcsFault(hresultOf(e), "cannot start " + pb.command() + ": " + e.getMessage());
        } finally {
            // The child has its own copies of these ends now (or never will).
            closeEnd(in, 0);
            closeEnd(out, 1);
            closeEnd(err, 1);
        }
        return new EmulatedProcess(system, p, in == null ? -1 : in[1], out == null ? -1 : out[0],
                err == null ? -1 : err[0]);
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

    private static File workingDirectory(ObjectNode params, Path root) {
        String wd = params.path("WorkingDirectory").asText("");
        Path dir = wd.isEmpty() ? root : root != null ? root.resolve(wd) : Path.of(wd);
        if (dir == null) {
            return null;
        }
        if (!Files.isDirectory(dir)) {
            throw new HcsFault(0x80070003, "WorkingDirectory " + dir + " does not exist"); // ERROR_PATH_NOT_FOUND
        }
        return dir.toFile();
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

    /** Delivers a signal; a process that has exited is HCS_E_PROCESS_ALREADY_STOPPED. */
    void signal(int sig) {
        if (exited() || !Posix.kill(pid, sig)) {
            throw new HcsFault(HResults.HCS_E_PROCESS_ALREADY_STOPPED, "process " + pid + " has already exited");
        }
    }
}
