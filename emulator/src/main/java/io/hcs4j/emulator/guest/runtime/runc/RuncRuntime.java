package io.hcs4j.emulator.guest.runtime.runc;

import com.fasterxml.jackson.databind.JsonNode;
import io.hcs4j.emulator.guest.runtime.Container;
import io.hcs4j.emulator.guest.runtime.ContainerRuntime;
import io.hcs4j.emulator.guest.runtime.ContainerState;
import io.hcs4j.emulator.guest.runtime.Reaper;
import io.hcs4j.emulator.guest.runtime.RuntimeError;
import io.hcs4j.emulator.guest.runtime.Stdio;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.SchemaException;
import io.hcs4j.schema.oci.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Containers run by runc (the reference's runtime): one {@code runc create} per container, its init adopted. */
public final class RuncRuntime implements ContainerRuntime {
    /** runc's own rule for ids. */
    private static final Pattern ID = Pattern.compile("[\\w+\\-.]+");
    private static final List<Path> SEARCHED = List.of(Path.of("/usr/sbin/runc"), Path.of("/usr/bin/runc"),
            Path.of("/usr/local/sbin/runc"), Path.of("/usr/local/bin/runc"));

    private final Runc runc;

    /** @param work the agent's directory for runc: its state root, logs and console sockets */
    public RuncRuntime(Path binary, Path work) {
        this.runc = new Runc(binary, work);
        Reaper.becomeSubreaper();
    }

    /** The runc binary, where Debian and upstream install it. */
    public static Optional<Path> find() {
        return SEARCHED.stream().filter(Files::isExecutable).findFirst();
    }

    @Override
    public String name() {
        return "runc";
    }

    @Override
    public Container createContainer(String id, Path bundle, Stdio stdio) throws RuntimeError {
        if (!ID.matcher(id).matches()) {
            throw RuntimeError.invalidId(id);
        }
        Spec spec = readSpec(bundle);
        io.hcs4j.schema.oci.Process init = spec.process == null ? new io.hcs4j.schema.oci.Process() : spec.process;
        List<String> args = new ArrayList<>(List.of("create", "--bundle", bundle.toString(),
                "--pid-file", bundle.resolve("init.pid").toString()));
        RuncProcess.Started started = RuncProcess.start(runc, id, args, init, stdio);
        RuncContainer c = new RuncContainer(runc, id, bundle, started);
        if (stdio != Stdio.NONE) {
            started.relay().connect(stdio);
        }
        return c;
    }

    private static Spec readSpec(Path bundle) throws RuntimeError {
        try {
            return Json.read(Files.readString(bundle.resolve("config.json")), Spec.class);
        } catch (IOException | SchemaException e) {
            throw RuntimeError.failed("cannot read " + bundle.resolve("config.json") + ": " + e.getMessage());
        }
    }

    @Override
    public List<ContainerState> listContainerStates() throws RuntimeError {
        List<ContainerState> states = new ArrayList<>();
        for (JsonNode s : runc.query("list", "--format", "json")) {
            states.add(RuncContainer.state(s));
        }
        return states;
    }
}
