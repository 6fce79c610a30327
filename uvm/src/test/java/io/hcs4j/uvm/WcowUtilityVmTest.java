package io.hcs4j.uvm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.guest.RPCProc;
import io.hcs4j.schema.v2.ModifySettingRequest;
import io.hcs4j.uvm.bridge.GcsBridge;
import io.hcs4j.uvm.bridge.ScriptedGuest;
import io.hcs4j.uvm.transport.HvSocketDirs;
import io.hcs4j.uvm.transport.HvSocketTransport;
import io.hcs4j.uvm.transport.UnixSocketTransport;
import io.hcs4j.uvm.transport.VsockPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A Windows utility VM: the guest dials the Windows GCS service and asks the host to create and start the VM. */
@Timeout(30)
class WcowUtilityVmTest {

    @Test
    void theHostCreatesAndStartsTheVmWhenTheWindowsGuestAsks() throws Exception {
        String id = "w-" + UUID.randomUUID().toString().substring(0, 8) + "@vm";
        List<String> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> exit = new CompletableFuture<>();
        CompletableFuture<Void> guest = new CompletableFuture<>();
        VmSystem system = new VmSystem() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public HvSocketTransport transport() {
                return UnixSocketTransport.PER_VM_DIRECTORY.forVm(id, null);
            }

            @Override
            public void start() {
                guest.completeAsync(() -> {
                    try (ScriptedGuest g = ScriptedGuest.dial(HvSocketDirs.forVm(id), VsockPorts.WINDOWS_GCS_SERVICE)) {
                        ObjectNode negotiate = g.readRequest(RPCProc.RPC_NEGOTIATE_PROTOCOL);
                        g.respond(RPCProc.RPC_NEGOTIATE_PROTOCOL, negotiate, Json.mapper().createObjectNode().put("Version", 4).set("Capabilities",
                                Json.mapper().createObjectNode().put("SendHostCreateMessage", true).put("SendHostStartMessage", true)
                                        .put("RuntimeOsType", "Windows")));
                        for (int rpc : List.of(RPCProc.RPC_CREATE, RPCProc.RPC_START)) {
                            ObjectNode r = g.readRequest(rpc);
                            seen.add(RPCProc.name(rpc) + " " + r.get("ContainerId").asText());
                            g.respond(rpc, r, Json.mapper().createObjectNode());
                        }
                        g.read(); // until the host closes
                    } catch (IOException closed) {
                        // the host closed the bridge
                    }
                    return null;
                });
            }

            @Override
            public void pause() {
                throw new UnsupportedOperationException("not paused in this test");
            }

            @Override
            public void resume() {
                throw new UnsupportedOperationException("not resumed in this test");
            }

            @Override
            public void terminate() {
                exit.complete(null);
            }

            @Override
            public void modify(ModifySettingRequest request) {
                seen.add(request.requestType.value() + " " + request.resourcePath);
            }

            @Override
            public void grantAccess(String hostPath) {
                seen.add("Grant " + hostPath);
            }

            @Override
            public CompletableFuture<?> exit() {
                return exit;
            }

            @Override
            public void close() {
            }
        };
        try (UtilityVm vm = UtilityVm.createWcow((i, doc) -> system,
                new WcowOptions(id, "C:\\base\\UtilityVM\\Files", "C:\\uvm\\sandbox.vhdx"))) {
            vm.start(Duration.ofSeconds(10), Duration.ofSeconds(10));
            assertEquals("windows", vm.os());
            assertEquals("windows", vm.guest().os());
            vm.addVsmb("C:\\data", "data", true).close();
        }
        guest.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("CREATE " + GcsBridge.VM_CONTAINER_ID, "START " + GcsBridge.VM_CONTAINER_ID,
                "Add VirtualMachine/Devices/VirtualSmb/Shares", "Remove VirtualMachine/Devices/VirtualSmb/Shares/data"), seen);
    }
}
