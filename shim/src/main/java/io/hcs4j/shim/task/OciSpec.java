package io.hcs4j.shim.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hcs4j.schema.oci.Box;
import io.hcs4j.schema.oci.Process;
import io.hcs4j.schema.oci.User;
import io.hcs4j.shim.runtime.PodVms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an OCI runtime spec (config.json) and OCI process (exec spec) the task service acts on.
 * Bad documents fail with an InvalidArgument {@link TaskException} naming the field.
 */
public record OciSpec(String platform, Process process, String rootPath, boolean readonlyRoot,
        Map<String, String> annotations, boolean hypervisorIsolated) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static OciSpec readBundle(Path bundle) {
        byte[] json;
        try {
            json = Files.readAllBytes(bundle.resolve("config.json"));
        } catch (NoSuchFileException e) {
            throw invalid("bundle " + bundle + " has no config.json");
        } catch (IOException e) {
            throw invalid("cannot read " + bundle.resolve("config.json") + ": " + e.getMessage());
        }
        return parse(json);
    }

    public static OciSpec parse(byte[] json) {
        JsonNode root = tree(json, "config.json");
        if (!root.isObject()) {
            throw invalid("config.json: not a JSON object");
        }
        // As hcsshim's oci.IsLCOW/IsWCOW: a Linux section means a Linux container (containerd on Windows adds a
        // windows section to it for layer folders and the network); else a Windows section means Windows.
        boolean linux = root.has("linux") && !root.get("linux").isNull();
        String platform = !linux && root.has("windows") && !root.get("windows").isNull() ? "windows" : "linux";
        JsonNode processNode = root.get("process");
        if (processNode == null || !processNode.isObject()) {
            throw invalid("config.json: process is missing");
        }
        Process process = process(processNode, "process", null);
        JsonNode rootNode = root.path("root");
        String rootPath = rootNode.path("path").asText("rootfs");
        Map<String, String> annotations = new LinkedHashMap<>();
        root.path("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
        // The OCI key is "hyperv"; Go's decoder matches keys case-insensitively, so "hyperV" counts too.
        boolean hyperV = false;
        for (var field = root.path("windows").fields(); field.hasNext(); ) {
            var e = field.next();
            hyperV |= e.getKey().equalsIgnoreCase("hyperv") && !e.getValue().isNull();
        }
        return new OciSpec(platform, process, rootPath, rootNode.path("readonly").asBoolean(false), annotations, hyperV);
    }

    /** An exec's OCI process (the JSON inside ExecProcessRequest.spec); its working directory defaults to "/". */
    public static Process parseProcess(byte[] json) {
        JsonNode node = tree(json, "exec spec");
        if (!node.isObject()) {
            throw invalid("exec spec: not a JSON object");
        }
        return process(node, "exec spec", "/");
    }

    /**
     * The process fields the shim passes on (args or commandLine, env, cwd, user, terminal, console size),
     * checked field by field.
     */
    private static Process process(JsonNode p, String where, String defaultCwd) {
        List<String> args = strings(p.get("args"), where + ".args");
        String commandLine = p.hasNonNull("commandLine") ? p.get("commandLine").asText() : null;
        if (args.isEmpty()) {
            if (commandLine == null) {
                throw invalid(where + ".args must name a program");
            }
            args = List.of(commandLine);
        }
        Process out = new Process();
        out.args = args;
        out.commandLine = commandLine;
        out.env = strings(p.get("env"), where + ".env");
        out.cwd = p.hasNonNull("cwd") ? p.get("cwd").asText() : defaultCwd;
        out.terminal = p.path("terminal").asBoolean(false);
        JsonNode user = p.path("user");
        out.user = new User();
        out.user.uid = user.path("uid").asInt(0);
        out.user.gid = user.path("gid").asInt(0);
        out.user.username = user.hasNonNull("username") ? user.get("username").asText() : null;
        JsonNode size = p.path("consoleSize");
        if (size.path("width").asInt(0) > 0 && size.path("height").asInt(0) > 0) {
            out.consoleSize = new Box();
            out.consoleSize.width = size.path("width").asInt();
            out.consoleSize.height = size.path("height").asInt();
        }
        return out;
    }

    private static List<String> strings(JsonNode node, String where) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw invalid(where + " must be an array of strings");
        }
        for (JsonNode n : node) {
            if (!n.isTextual()) {
                throw invalid(where + " must be an array of strings");
            }
            out.add(n.asText());
        }
        return out;
    }

    private static JsonNode tree(byte[] json, String what) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null) {
                throw invalid(what + ": empty document");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw invalid(what + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid(what + " cannot be read: " + e.getMessage());
        }
    }

    private static TaskException invalid(String message) {
        return TaskException.invalid(message);
    }

    public boolean isSandbox() {
        return "sandbox".equals(annotations.get(PodVms.CONTAINER_TYPE));
    }
}
