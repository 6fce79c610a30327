package io.hcs4j.uvm.guest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.guest.RPCProc;
import io.hcs4j.schema.oci.LinuxMemory;
import io.hcs4j.schema.oci.LinuxResources;
import io.hcs4j.uvm.bridge.ScriptedGuest;
import io.hcs4j.uvm.transport.HvSocketListener;
import io.hcs4j.uvm.transport.UnixSocketTransport;
import io.hcs4j.uvm.transport.VsockPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a {@link GuestContainer} sends the guest, against a scripted Linux guest. */
@Timeout(30)
class GuestContainerTest {
    @TempDir
    Path tmp;

    @Test
    void aResourceUpdateIsModifySettingsContainerConstraintsOnTheContainer() throws Exception {
        UnixSocketTransport transport = new UnixSocketTransport(tmp);
        ObjectNode[] seen = new ObjectNode[1];
        try (HvSocketListener listener = transport.listen(VsockPorts.serviceId(VsockPorts.GCS_PORT))) {
            CompletableFuture<Void> guest = CompletableFuture.runAsync(() -> {
                try (ScriptedGuest g = ScriptedGuest.dial(tmp)) {
                    ObjectNode negotiate = g.readRequest(RPCProc.RPC_NEGOTIATE_PROTOCOL);
                    g.respond(RPCProc.RPC_NEGOTIATE_PROTOCOL, negotiate, Json.mapper().createObjectNode()
                            .put("Version", 4).set("Capabilities", Json.mapper().createObjectNode()
                                    .put("RuntimeOsType", "Linux")));
                    ObjectNode create = g.readRequest(RPCProc.RPC_CREATE);
                    g.respond(RPCProc.RPC_CREATE, create, Json.mapper().createObjectNode());
                    // The Linux GCS has no UpdateContainer: anything else here fails the script.
                    ObjectNode modify = g.readRequest(RPCProc.RPC_MODIFY_SETTINGS);
                    seen[0] = modify;
                    g.respond(RPCProc.RPC_MODIFY_SETTINGS, modify, Json.mapper().createObjectNode());
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            try (GuestConnection c = GuestConnection.accept("vm-1", listener, transport, Duration.ofSeconds(5),
                    Duration.ofSeconds(5))) {
                ObjectNode spec = Json.mapper().createObjectNode().put("ociVersion", "1.1.0");
                GuestContainer container = c.createContainer("c1", spec, "/run/gcs/c/c1", "/run/gcs/c/c1/scratch");
                LinuxResources resources = new LinuxResources();
                resources.memory = new LinuxMemory();
                resources.memory.limit = 33554432L;
                container.modify(resources);
                container.close();
            }
            guest.get(5, TimeUnit.SECONDS);
        }
        assertEquals("c1", seen[0].path("ContainerId").asText());
        ObjectNode request = (ObjectNode) seen[0].get("Request");
        assertEquals("ContainerConstraints", request.path("ResourceType").asText());
        assertEquals("Update", request.path("RequestType").asText());
        assertEquals(33554432L, request.path("Settings").path("Linux").path("memory").path("limit").asLong());
        assertEquals(1, request.path("Settings").size(), "only Linux: " + request);
    }
}
