package io.hcs4j.uvm.guest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.uvm.bridge.codec.BridgeJson;

import java.util.List;
import java.util.Map;

/**
 * What to run in the guest and which stdio streams to relay. For a container exec, {@code ociProcess} is the
 * OCI process spec; without it a container's init process starts. For a VM-level process, command line,
 * environment and working directory are used instead.
 */
public record ProcessOptions(ObjectNode ociProcess, List<String> args, Map<String, String> env, String workingDir,
                             boolean stdin, boolean stdout, boolean stderr, boolean terminal,
                             int consoleWidth, int consoleHeight) {

    /** The container's init process (as given by the container's OCI spec). */
    public static ProcessOptions init(boolean stdin, boolean stdout, boolean stderr) {
        return new ProcessOptions(null, null, null, null, stdin, stdout, stderr, false, 0, 0);
    }

    /** An exec of an OCI process spec in a container. */
    public static ProcessOptions exec(ObjectNode ociProcess, boolean stdin, boolean stdout, boolean stderr) {
        boolean terminal = ociProcess.path("terminal").asBoolean();
        int width = ociProcess.path("consoleSize").path("width").asInt();
        int height = ociProcess.path("consoleSize").path("height").asInt();
        // With a terminal, stderr is merged into the console's output.
        return new ProcessOptions(ociProcess, null, null, null, stdin, stdout, stderr && !terminal, terminal,
                width, height);
    }

    /** A process in the VM itself. */
    public static ProcessOptions vm(List<String> args, Map<String, String> env, String workingDir,
                                    boolean stdin, boolean stdout, boolean stderr) {
        return new ProcessOptions(null, List.copyOf(args), env == null ? Map.of() : Map.copyOf(env), workingDir,
                stdin, stdout, stderr, false, 0, 0);
    }

    /** The ProcessParameters document (nested as a string in ExecuteProcess). */
    ObjectNode parameters(boolean vmProcess) {
        ObjectNode p = BridgeJson.object();
        if (vmProcess) {
            ArrayNode a = p.putArray("CommandArgs");
            args.forEach(a::add);
            p.put("CommandLine", String.join(" ", args));
            if (workingDir != null) {
                p.put("WorkingDirectory", workingDir);
            }
            ObjectNode e = p.putObject("Environment");
            env.forEach(e::put);
            p.put("IsExternal", true);
        }
        if (terminal) {
            p.put("EmulateConsole", true);
            if (consoleWidth > 0 && consoleHeight > 0) {
                p.putArray("ConsoleSize").add(consoleHeight).add(consoleWidth);
            }
        }
        if (stdin) {
            p.put("CreateStdInPipe", true);
        }
        if (stdout) {
            p.put("CreateStdOutPipe", true);
        }
        if (stderr) {
            p.put("CreateStdErrPipe", true);
        }
        if (ociProcess != null) {
            p.set("OciProcess", ociProcess);
        }
        return p;
    }
}
