import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.hcs4j.platform.ChannelConnection;
import io.hcs4j.shim.api.runhcs.Options;
import io.hcs4j.shim.api.task.CreateTaskRequest;
import io.hcs4j.shim.api.task.DeleteRequest;
import io.hcs4j.shim.api.task.ExecProcessRequest;
import io.hcs4j.shim.api.task.KillRequest;
import io.hcs4j.shim.api.task.ShutdownRequest;
import io.hcs4j.shim.api.task.StartRequest;
import io.hcs4j.shim.api.task.TaskGrpc;
import io.hcs4j.shim.api.task.WaitRequest;
import io.hcs4j.shim.api.types.Mount;
import io.hcs4j.shim.ttrpc.TtrpcClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One Task service call to a shim over ttrpc, as containerd on Windows makes it for a Linux container (scripts/
 * e2e-lcow-windows.sh runs it with the shim jar on the class path). ADDRESS as in the bundle's address file.
 *
 *   create ADDRESS ID BUNDLE STDOUT MOUNT_TYPE SOURCE [OPTION...]  rootfs mount as the windows-lcow snapshotter
 *                                                                  makes it, LCOW runtime options (HCS4J_VM_MEMORY_MB)
 *   start ADDRESS ID [EXEC_ID]          prints the pid
 *   exec ADDRESS ID EXEC_ID STDOUT ARG...
 *   kill ADDRESS ID SIGNAL [EXEC_ID]
 *   wait ADDRESS ID [EXEC_ID]           prints the exit status
 *   delete ADDRESS ID [EXEC_ID]         prints the exit status
 *   shutdown ADDRESS ID
 *
 * STDOUT is a file the process's output goes to (stderr too). A refused call prints the shim's status
 * ("code: description") on stderr and exits 1.
 */
public class TaskClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: TaskClient create|start|exec|kill|wait|delete|shutdown ADDRESS ID ...");
            System.exit(2);
        }
        Path socket = Path.of(args[1].replaceFirst("^unix://", ""));
        String id = args[2];
        List<String> rest = Arrays.asList(args).subList(3, args.length);
        try (TtrpcClient client = new TtrpcClient(ChannelConnection.connect(socket))) {
            switch (args[0]) {
                case "create" -> {
                    String stdout = Path.of(rest.get(1)).toUri().toString();
                    Options options = Options.newBuilder()
                            .setSandboxPlatform("linux/amd64")
                            .setSandboxIsolation(Options.SandboxIsolation.HYPERVISOR)
                            .setVmMemorySizeInMb(Integer.parseInt(System.getenv().getOrDefault("HCS4J_VM_MEMORY_MB", "1024")))
                            .setVmProcessorCount(1)
                            .build();
                    call(client, TaskGrpc.getCreateMethod(), CreateTaskRequest.newBuilder().setId(id)
                            .setBundle(rest.get(0)).setStdout(stdout).setStderr(stdout)
                            .addRootfs(Mount.newBuilder().setType(rest.get(2)).setSource(rest.get(3))
                                    .addAllOptions(rest.subList(4, rest.size())))
                            .setOptions(Any.newBuilder().setTypeUrl("containerd.runhcs.v1.Options")
                                    .setValue(options.toByteString()))
                            .build());
                }
                case "start" -> System.out.println(call(client, TaskGrpc.getStartMethod(), StartRequest.newBuilder()
                        .setId(id).setExecId(execId(rest, 0)).build()).getPid());
                case "exec" -> {
                    StringBuilder argv = new StringBuilder();
                    for (String a : rest.subList(2, rest.size())) {
                        argv.append(argv.length() == 0 ? "" : ",").append('"').append(a.replace("\\", "\\\\")
                                .replace("\"", "\\\"")).append('"');
                    }
                    String process = "{\"args\":[" + argv + "],\"cwd\":\"/\",\"env\":[\"PATH=/bin\"]}";
                    String stdout = Path.of(rest.get(1)).toUri().toString();
                    call(client, TaskGrpc.getExecMethod(), ExecProcessRequest.newBuilder().setId(id)
                            .setExecId(rest.get(0)).setStdout(stdout).setStderr(stdout)
                            .setSpec(Any.newBuilder().setTypeUrl("types.containerd.io/opencontainers/runtime-spec/1/Process")
                                    .setValue(ByteString.copyFromUtf8(process)))
                            .build());
                }
                case "kill" -> call(client, TaskGrpc.getKillMethod(), KillRequest.newBuilder().setId(id)
                        .setSignal(Integer.parseInt(rest.get(0))).setExecId(execId(rest, 1)).build());
                case "wait" -> System.out.println(call(client, TaskGrpc.getWaitMethod(), WaitRequest.newBuilder()
                        .setId(id).setExecId(execId(rest, 0)).build()).getExitStatus());
                case "delete" -> System.out.println(call(client, TaskGrpc.getDeleteMethod(), DeleteRequest.newBuilder()
                        .setId(id).setExecId(execId(rest, 0)).build()).getExitStatus());
                case "shutdown" -> call(client, TaskGrpc.getShutdownMethod(), ShutdownRequest.newBuilder().setId(id).build());
                default -> {
                    System.err.println("unknown call " + args[0]);
                    System.exit(2);
                }
            }
        }
    }

    private static String execId(List<String> rest, int index) {
        return rest.size() > index ? rest.get(index) : "";
    }

    private static <Q, R> R call(TtrpcClient client, io.grpc.MethodDescriptor<Q, R> method, Q request) throws Exception {
        try {
            return client.call(method, request, TIMEOUT, Map.of());
        } catch (io.grpc.StatusException | io.grpc.StatusRuntimeException e) {
            io.grpc.Status s = io.grpc.Status.fromThrowable(e);
            System.err.println(s.getCode() + ": " + s.getDescription());
            System.exit(1);
            return null;
        }
    }
}
