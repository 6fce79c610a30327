package io.hcs4j.uvm.guest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.guest.RPCProc;
import io.hcs4j.uvm.bridge.GcsBridge;
import io.hcs4j.uvm.bridge.ScriptedGuest;
import io.hcs4j.uvm.transport.HvSocketListener;
import io.hcs4j.uvm.transport.UnixSocketTransport;
import io.hcs4j.uvm.transport.VsockPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class GuestConnectionTest {
    @TempDir
    Path tmp;

    private interface Script {
        void run(ScriptedGuest guest) throws Exception;
    }

    private CompletableFuture<Void> guest(Script script) {
        return CompletableFuture.runAsync(() -> {
            try (ScriptedGuest guest = ScriptedGuest.dial(tmp)) {
                script.run(guest);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    private GuestConnection connect(Duration timeout) throws Exception {
        UnixSocketTransport transport = new UnixSocketTransport(tmp);
        try (HvSocketListener listener = transport.listen(VsockPorts.serviceId(VsockPorts.GCS_PORT))) {
            return GuestConnection.accept("vm-1", listener, transport, timeout, Duration.ofSeconds(10));
        }
    }

    @Test
    void negotiatesVersion4AndSendsHostCreateAndStartWhenTheGuestAsks() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        UnixSocketTransport transport = new UnixSocketTransport(tmp);
        try (HvSocketListener listener = transport.listen(VsockPorts.serviceId(VsockPorts.GCS_PORT))) {
            CompletableFuture<Void> guest = guest(g -> {
                ObjectNode negotiate = g.readRequest(RPCProc.RPC_NEGOTIATE_PROTOCOL);
                seen.add(negotiate.get("ContainerId").asText() + " " + negotiate.get("MinimumVersion") + "-"
                        + negotiate.get("MaximumVersion"));
                ObjectNode caps = Json.mapper().createObjectNode().put("SendHostCreateMessage", true)
                        .put("SendHostStartMessage", true);
                g.respond(RPCProc.RPC_NEGOTIATE_PROTOCOL, negotiate, Json.mapper().createObjectNode().put("Version", 4)
                        .set("Capabilities", caps));
                ObjectNode create = g.readRequest(RPCProc.RPC_CREATE);
                seen.add(create.get("ContainerId").asText() + " " + create.get("ContainerConfig").asText());
                g.respond(RPCProc.RPC_CREATE, create, Json.mapper().createObjectNode());
                ObjectNode start = g.readRequest(RPCProc.RPC_START);
                seen.add(start.get("ContainerId").asText());
                g.respond(RPCProc.RPC_START, start, Json.mapper().createObjectNode());
                assertThrows(IOException.class, g::read); // host closes
            });
            try (GuestConnection c = GuestConnection.accept("vm-1", listener, transport, Duration.ofSeconds(5),
                    Duration.ofSeconds(5))) {
                assertEquals("windows", c.os());
            }
            guest.get(5, TimeUnit.SECONDS);
        }
        String zero = GcsBridge.VM_CONTAINER_ID;
        assertEquals(List.of(zero + " 4-4", zero + " {\"SystemType\":\"Container\"}", zero), seen);
    }

    @Test
    void aLinuxGuestGetsNoHostCreate() throws Exception {
        UnixSocketTransport transport = new UnixSocketTransport(tmp);
        try (HvSocketListener listener = transport.listen(VsockPorts.serviceId(VsockPorts.GCS_PORT))) {
            CompletableFuture<Void> guest = guest(g -> {
                ObjectNode negotiate = g.readRequest(RPCProc.RPC_NEGOTIATE_PROTOCOL);
                g.respond(RPCProc.RPC_NEGOTIATE_PROTOCOL, negotiate, Json.mapper().createObjectNode().put("Version", 4)
                        .set("Capabilities", Json.mapper().createObjectNode().put("RuntimeOsType", "Linux")));
                ObjectNode next = g.readRequest(RPCProc.RPC_DUMP_STACKS);
                g.respond(RPCProc.RPC_DUMP_STACKS, next, Json.mapper().createObjectNode().put("GuestStacks", "stacks"));
            });
            try (GuestConnection c = GuestConnection.accept("vm-1", listener, transport, Duration.ofSeconds(5),
                    Duration.ofSeconds(5))) {
                assertEquals("linux", c.os());
                assertEquals("stacks", c.dumpStacks());
            }
            guest.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aGuestAnsweringNullPropertiesGivesEmptyPropertiesNotNull() throws Exception {
        UnixSocketTransport transport = new UnixSocketTransport(tmp);
        try (HvSocketListener listener = transport.listen(VsockPorts.serviceId(VsockPorts.GCS_PORT))) {
            CompletableFuture<Void> guest = guest(g -> {
                ObjectNode negotiate = g.readRequest(RPCProc.RPC_NEGOTIATE_PROTOCOL);
                g.respond(RPCProc.RPC_NEGOTIATE_PROTOCOL, negotiate, Json.mapper().createObjectNode().put("Version", 4)
                        .set("Capabilities", Json.mapper().createObjectNode().put("RuntimeOsType", "Linux")));
                ObjectNode create = g.readRequest(RPCProc.RPC_CREATE);
                g.respond(RPCProc.RPC_CREATE, create, Json.mapper().createObjectNode());
                // Go writes a nil nested document as the string "null"; a careless guest may write JSON null.
                ObjectNode v1 = g.readRequest(RPCProc.RPC_GET_PROPERTIES);
                g.respond(RPCProc.RPC_GET_PROPERTIES, v1, Json.mapper().createObjectNode().put("Properties", "null"));
                ObjectNode v1Null = g.readRequest(RPCProc.RPC_GET_PROPERTIES);
                g.respond(RPCProc.RPC_GET_PROPERTIES, v1Null, Json.mapper().createObjectNode().putNull("Properties"));
                ObjectNode v2 = g.readRequest(RPCProc.RPC_GET_PROPERTIES);
                g.respond(RPCProc.RPC_GET_PROPERTIES, v2, Json.mapper().createObjectNode().put("Properties", "null"));
            });
            try (GuestConnection c = GuestConnection.accept("vm-1", listener, transport, Duration.ofSeconds(5),
                    Duration.ofSeconds(5))) {
                GuestContainer container = c.createContainer("c1", Json.mapper().createObjectNode(), "/b", "/s");
                assertNotNull(container.properties(io.hcs4j.schema.v1.PropertyType.PROCESS_LIST));
                assertNotNull(container.properties(io.hcs4j.schema.v1.PropertyType.PROCESS_LIST));
                assertNotNull(container.propertiesV2(io.hcs4j.schema.v2.PropertyType.STATISTICS));
            }
            guest.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWrongVersionFailsTheConnection() throws Exception {
        UnixSocketTransport transport = new UnixSocketTransport(tmp);
        try (HvSocketListener listener = transport.listen(VsockPorts.serviceId(VsockPorts.GCS_PORT))) {
            CompletableFuture<Void> guest = guest(g -> {
                ObjectNode negotiate = g.readRequest(RPCProc.RPC_NEGOTIATE_PROTOCOL);
                g.respond(RPCProc.RPC_NEGOTIATE_PROTOCOL, negotiate, Json.mapper().createObjectNode().put("Version", 3));
                assertThrows(IOException.class, g::read);
            });
            IOException e = assertThrows(IOException.class, () -> GuestConnection.accept("vm-1", listener, transport,
                    Duration.ofSeconds(5), Duration.ofSeconds(5)));
            assertEquals("the guest negotiated GCS protocol version 3, expected 4", e.getMessage());
            guest.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aGuestThatNeverConnectsTimesOut() {
        long start = System.nanoTime();
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> connect(Duration.ofMillis(300)));
        assertEquals("the guest of vm-1 did not connect to the GCS bridge within 300 ms", e.getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    }
}
