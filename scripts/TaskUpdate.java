import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.hcs4j.platform.ChannelConnection;
import io.hcs4j.shim.api.task.TaskGrpc;
import io.hcs4j.shim.api.task.UpdateTaskRequest;
import io.hcs4j.shim.ttrpc.TtrpcClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Sends Task.Update to a shim over ttrpc, as containerd does (ctr 1.6 has no "task update"); the e2e test runs it
 * with the shim jar on the class path: java -cp SHIM_JAR scripts/TaskUpdate.java ADDRESS TASK_ID RESOURCES_JSON [TYPE]
 * (ADDRESS as in the bundle's address file, unix:///path; RESOURCES_JSON an OCI LinuxResources, or the OCI type
 * TYPE names: WindowsResources for a Windows container).
 */
public class TaskUpdate {
    public static void main(String[] args) throws Exception {
        if (args.length != 3 && args.length != 4) {
            System.err.println("usage: TaskUpdate ADDRESS TASK_ID RESOURCES_JSON [LinuxResources|WindowsResources]");
            System.exit(2);
        }
        Path socket = Path.of(args[0].replaceFirst("^unix://", ""));
        // containerd sends the resources as JSON in an Any of this type.
        String type = args.length == 4 ? args[3] : "LinuxResources";
        Any resources = Any.newBuilder().setTypeUrl("types.containerd.io/opencontainers/runtime-spec/1/" + type)
                .setValue(ByteString.copyFromUtf8(args[2])).build();
        try (TtrpcClient client = new TtrpcClient(ChannelConnection.connect(socket))) {
            client.call(TaskGrpc.getUpdateMethod(), UpdateTaskRequest.newBuilder().setId(args[1])
                    .setResources(resources).build(), Duration.ofSeconds(30), Map.of());
        }
    }
}
