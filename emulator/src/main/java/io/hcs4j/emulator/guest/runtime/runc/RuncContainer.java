package io.hcs4j.emulator.guest.runtime.runc;

import com.fasterxml.jackson.databind.JsonNode;
import io.hcs4j.emulator.guest.runtime.Container;
import io.hcs4j.emulator.guest.runtime.ContainerProcess;
import io.hcs4j.emulator.guest.runtime.ContainerProcessState;
import io.hcs4j.emulator.guest.runtime.ContainerState;
import io.hcs4j.emulator.guest.runtime.Reaper;
import io.hcs4j.emulator.guest.runtime.RuntimeError;
import io.hcs4j.emulator.guest.runtime.Stdio;
import io.hcs4j.emulator.guest.runtime.StdioRelay;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.oci.LinuxResources;
import io.hcs4j.schema.oci.Process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** A runc container: its init (created, then started) and its execs, each one runc command. */
final class RuncContainer implements Container {
    private final Runc runc;
    private final String id;
    private final Path bundle;
    private final RuncProcess.Started init;
    /** Pids of the processes runc started (init and execs) that have not ended. */
    private final Set<Integer> started = ConcurrentHashMap.newKeySet();

    RuncContainer(Runc runc, String id, Path bundle, RuncProcess.Started init) {
        this.runc = runc;
        this.id = id;
        this.bundle = bundle;
        this.init = init;
        track(init);
    }

    private void track(RuncProcess.Started p) {
        started.add(p.pid());
        p.exited().whenComplete((code, e) -> started.remove(p.pid()));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int pid() {
        return init.pid();
    }

    @Override
    public CompletableFuture<Integer> exited() {
        return init.exited();
    }

    @Override
    public StdioRelay relay() {
        return init.relay();
    }

    @Override
    public boolean exists() throws RuntimeError {
        try {
            runc.run("state", id);
            return true;
        } catch (RuntimeError e) {
            if (e.hresult() == RuntimeError.doesNotExist(id).hresult()) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void start() throws RuntimeError {
        runc.run("start", id);
        RuncProcess.awaitExecd(init.pid());
    }

    @Override
    public ContainerProcess execProcess(Process process, Stdio stdio) throws RuntimeError {
        Path document = runc.workFile("process-", ".json");
        Path pidFile = runc.workFile("exec-", ".pid");
        try {
            Process p = Json.convert(process, Process.class);
            if (p.cwd == null || p.cwd.isEmpty()) {
                p.cwd = "/";
            }
            Files.writeString(document, Json.write(p));
            RuncProcess.Started s = RuncProcess.start(runc, id, List.of("exec", "--detach", "--pid-file",
                    pidFile.toString(), "--process", document.toString()), p, stdio);
            track(s);
            RuncProcess.awaitExecd(s.pid());
            s.relay().connect(stdio);
            return new RuncProcess(s);
        } catch (IOException e) {
            throw RuntimeError.failed("cannot write the process of an exec in " + id + ": " + e.getMessage());
        } finally {
            deleteQuietly(document);
            deleteQuietly(pidFile);
        }
    }

    @Override
    public void kill(int signal, boolean all) throws RuntimeError {
        if (all) {
            runc.run("kill", "--all", id, Integer.toString(signal));
        } else {
            runc.run("kill", id, Integer.toString(signal));
        }
    }

    @Override
    public void pause() throws RuntimeError {
        runc.run("pause", id);
    }

    @Override
    public void resume() throws RuntimeError {
        runc.run("resume", id);
    }

    @Override
    public ContainerState state() throws RuntimeError {
        return state(runc.query("state", id));
    }

    static ContainerState state(JsonNode s) {
        return new ContainerState(s.path("ociVersion").asText(), s.path("id").asText(), s.path("pid").asInt(),
                s.path("bundle").asText(), s.path("rootfs").asText(), s.path("status").asText(),
                s.path("created").asText());
    }

    @Override
    public List<ContainerProcessState> runningProcesses() throws RuntimeError {
        return allProcesses().stream().filter(p -> !p.isZombie()).toList();
    }

    @Override
    public List<ContainerProcessState> allProcesses() throws RuntimeError {
        List<ContainerProcessState> processes = new ArrayList<>();
        for (JsonNode pid : runc.query("ps", "--format", "json", id)) {
            int p = pid.asInt();
            processes.add(new ContainerProcessState(p, command(p), started.contains(p), Reaper.isZombie(p)));
        }
        return processes;
    }

    private static List<String> command(int pid) {
        try {
            String line = Files.readString(Path.of("/proc", Integer.toString(pid), "cmdline"));
            return line.isEmpty() ? List.of() : List.of(line.split("\0"));
        } catch (IOException gone) {
            return List.of();
        }
    }

    @Override
    public void update(LinuxResources resources) throws RuntimeError {
        Path document = runc.workFile("resources-", ".json");
        try {
            Files.writeString(document, Json.write(resources));
            runc.run("update", "--resources", document.toString(), id);
        } catch (IOException e) {
            throw RuntimeError.failed("cannot write the resources of " + id + ": " + e.getMessage());
        } finally {
            deleteQuietly(document);
        }
    }

    /** Removes the container from runc (killing what is left of it); its bundle stays the agent's. */
    @Override
    public void delete() throws RuntimeError {
        runc.run("delete", "--force", id);
        init.relay().close();
        deleteQuietly(bundle.resolve("init.pid"));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // In a directory that goes with the container or the VM.
        }
    }
}
