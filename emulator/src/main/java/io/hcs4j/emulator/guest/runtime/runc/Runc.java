package io.hcs4j.emulator.guest.runtime.runc;

import com.fasterxml.jackson.databind.JsonNode;
import io.hcs4j.emulator.guest.runtime.RuntimeError;
import io.hcs4j.platform.PrivateDirectory;
import io.hcs4j.schema.Json;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the runc binary with the agent's state root ({@code --root}) and a JSON log per command
 * ({@code --log --log-format json}); a command that fails becomes a {@link RuntimeError} with runc's last logged
 * error, the reference's errors (container exists, does not exist, ...) with their HRESULTs.
 */
final class Runc {
    /** runc's messages for the errors the reference names (libcontainer's Err* values), with their HRESULTs. */
    private static final Map<String, Integer> KNOWN = Map.of(
            "container with given ID already exists", RuntimeError.alreadyExists("").hresult(),
            "container does not exist", RuntimeError.doesNotExist("").hresult(),
            "invalid container ID format", RuntimeError.invalidId("").hresult(),
            "container still running", RuntimeError.stillRunning("").hresult(),
            "container not running", RuntimeError.notRunning("").hresult(),
            "cannot exec in a stopped container", RuntimeError.notRunning("").hresult());

    private final Path binary;
    private final Path root;
    private final Path work;
    private final AtomicLong calls = new AtomicLong();

    /** @param work where the agent keeps its files for runc: runc's root, logs, console sockets */
    Runc(Path binary, Path work) {
        this.binary = binary;
        this.work = work;
        this.root = work.resolve("root");
    }

    /** A fresh path in the work directory (a console socket, a process document, a log), which is made first. */
    Path workFile(String prefix, String suffix) throws RuntimeError {
        try {
            // Private: runc's state and the console sockets are root's alone.
            PrivateDirectory.create(root);
        } catch (IOException e) {
            throw RuntimeError.failed("cannot create runc's state directory " + root + ": " + e.getMessage());
        }
        return work.resolve(prefix + calls.incrementAndGet() + suffix);
    }

    /** Runs a command whose output does not matter. */
    void run(String... args) throws RuntimeError {
        call(List.of(args), ProcessBuilder.Redirect.from(new File("/dev/null")), ProcessBuilder.Redirect.DISCARD,
                ProcessBuilder.Redirect.DISCARD, false);
    }

    /** Runs a command and parses its standard output as JSON. */
    JsonNode query(String... args) throws RuntimeError {
        String out = call(List.of(args), ProcessBuilder.Redirect.from(new File("/dev/null")),
                ProcessBuilder.Redirect.PIPE, ProcessBuilder.Redirect.DISCARD, true);
        try {
            return Json.mapper().readTree(out.isBlank() ? "null" : out);
        } catch (IOException e) {
            throw RuntimeError.failed("runc " + args[0] + ": unreadable output: " + e.getMessage());
        }
    }

    /** Runs a command with the given stdio (a container process's pipes, which runc passes on). */
    void start(List<String> args, File stdin, File stdout, File stderr) throws RuntimeError {
        call(args, ProcessBuilder.Redirect.from(stdin), ProcessBuilder.Redirect.to(stdout),
                ProcessBuilder.Redirect.to(stderr), false);
    }

    private String call(List<String> args, ProcessBuilder.Redirect in, ProcessBuilder.Redirect out,
                        ProcessBuilder.Redirect err, boolean capture) throws RuntimeError {
        Path log = workFile("log-", ".json");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--root", root.toString(),
                "--log", log.toString(), "--log-format", "json"));
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectInput(in).redirectOutput(out).redirectError(err).start();
            String output = capture ? new String(p.getInputStream().readAllBytes()) : "";
            int code = p.waitFor();
            if (code != 0) {
                throw error(args.get(0), log);
            }
            return output;
        } catch (IOException e) {
            throw RuntimeError.failed("cannot run " + binary + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RuntimeError.failed("interrupted: runc " + args.get(0));
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // Left in the VM's directory, which goes with the VM.
            }
        }
    }

    /** The last error runc logged, as the reference's error when it is one of them. */
    private static RuntimeError error(String command, Path log) {
        String message = "runc " + command + " failed";
        try {
            for (String line : Files.readAllLines(log)) {
                JsonNode entry = Json.mapper().readTree(line);
                if ("error".equals(entry.path("level").asText())) {
                    message = entry.path("msg").asText(message);
                }
            }
        } catch (IOException e) {
            // No log: the generic message.
        }
        for (Map.Entry<String, Integer> known : KNOWN.entrySet()) {
            if (message.contains(known.getKey())) {
                return new RuntimeError(known.getValue(), message);
            }
        }
        return RuntimeError.failed(message);
    }
}
