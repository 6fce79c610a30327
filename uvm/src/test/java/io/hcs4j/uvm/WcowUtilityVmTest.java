package io.hcs4j.uvm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.guest.MsgType;
import io.hcs4j.schema.guest.RPCProc;
import io.hcs4j.schema.v2.HostedSystem;
import io.hcs4j.schema.v2.Layer;
import io.hcs4j.schema.v2.ModifySettingRequest;
import io.hcs4j.uvm.bridge.GcsBridge;
import io.hcs4j.uvm.bridge.ScriptedGuest;
import io.hcs4j.uvm.bridge.codec.BodyCodec;
import io.hcs4j.uvm.bridge.codec.Frame;
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

/**
 * A Windows utility VM: the guest dials the Windows GCS service and asks the host to create and start the VM; shares,
 * disks, layers and containers reach HCS and the guest as hcsshim sends them.
 */
@Timeout(30)
class WcowUtilityVmTest {

    /**
     * A Windows guest that negotiates as the Windows GCS does, then answers every request with success and records
     * it: "CREATE <container id>", "START <container id>", "MODIFY <the request's settings>".
     */
    private static void windowsGuest(String id, List<String> seen) {
        try (ScriptedGuest g = ScriptedGuest.dial(HvSocketDirs.forVm(id), VsockPorts.WINDOWS_GCS_SERVICE)) {
            ObjectNode negotiate = g.readRequest(RPCProc.RPC_NEGOTIATE_PROTOCOL);
            g.respond(RPCProc.RPC_NEGOTIATE_PROTOCOL, negotiate, Json.mapper().createObjectNode().put("Version", 4).set("Capabilities",
                    Json.mapper().createObjectNode().put("SendHostCreateMessage", true).put("SendHostStartMessage", true)
                            .put("RuntimeOsType", "Windows")));
            while (true) {
                Frame f = g.read();
                int proc = MsgType.proc(f.type());
                ObjectNode r = BodyCodec.decode(f.body());
                r.put("__id", f.id());
                if (proc == RPCProc.RPC_MODIFY_SETTINGS) {
                    seen.add("MODIFY " + r.path("Request"));
                } else if (proc == RPCProc.RPC_CREATE && !r.get("ContainerId").asText().equals(GcsBridge.VM_CONTAINER_ID)) {
                    // The config travels as JSON in a string, as the Go host writes it.
                    seen.add("CREATE " + r.get("ContainerId").asText() + " " + r.get("ContainerConfig").asText());
                } else {
                    seen.add(RPCProc.name(proc) + " " + r.get("ContainerId").asText());
                }
                g.respond(proc, r, Json.mapper().createObjectNode());
            }
        } catch (IOException closed) {
            // the host closed the bridge
        }
    }

    /** A VmSystem that starts the scripted guest and records the host's modify requests as "Add path settings". */
    private static VmSystem system(String id, List<String> seen, CompletableFuture<Void> guest) {
        CompletableFuture<Void> exit = new CompletableFuture<>();
        return new VmSystem() {
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
                    windowsGuest(id, seen);
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
                // hcsshim sends a VM's memory and processor updates without a RequestType.
                seen.add((request.requestType == null ? "-" : request.requestType.value()) + " " + request.resourcePath
                        + " " + Json.write(request.settings));
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
    }

    /** A Windows VM of a new id, started against {@link #system}: what the host asks of it goes to {@code seen}. */
    private static UtilityVm startedVm(List<String> seen, CompletableFuture<Void> guest) throws Exception {
        String id = "w-" + UUID.randomUUID().toString().substring(0, 8) + "@vm";
        UtilityVm vm = UtilityVm.createWcow((i, doc) -> system(id, seen, guest),
                new WcowOptions(id, "C:\\base\\UtilityVM\\Files", "C:\\uvm\\sandbox.vhdx"));
        try {
            vm.start(Duration.ofSeconds(10), Duration.ofSeconds(10));
        } catch (Exception | Error e) {
            vm.close();
            throw e;
        }
        return vm;
    }

    @Test
    void theHostCreatesAndStartsTheVmWhenTheWindowsGuestAsks() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> guest = new CompletableFuture<>();
        try (UtilityVm vm = startedVm(seen, guest)) {
            assertEquals("windows", vm.os());
            assertEquals("windows", vm.guest().os());
        }
        guest.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("CREATE " + GcsBridge.VM_CONTAINER_ID, "START " + GcsBridge.VM_CONTAINER_ID), seen);
    }

    /** A Windows VM's update is two HCS modify requests; unlike a Linux guest, the Windows guest is not asked. */
    @Test
    void aWindowsVmsUpdateResizesItsMemoryAndSetsItsProcessorLimits() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> guest = new CompletableFuture<>();
        try (UtilityVm vm = startedVm(seen, guest)) {
            seen.clear();
            vm.update(VmUpdate.of(Json.mapper().readValue("{\"memory\":{\"limit\":1073741824},\"cpu\":{\"maximum\":2500}}",
                    io.hcs4j.schema.oci.WindowsResources.class)));
        }
        guest.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("- VirtualMachine/ComputeTopology/Memory/SizeInMB 1024",
                "- VirtualMachine/ComputeTopology/Processor/Limits {\"Limit\":2500}"), seen);
    }

    /**
     * hcsshim's AddVSMB: one share per host path and mode, named s1, s2... (hex), reference counted; read-only
     * shares take DefaultVSMBOptions(true) plus TakeBackupPrivilege; the guest path is the VSMB prefix and the
     * name; removal is a Remove on the Shares path naming the share.
     */
    @Test
    void vsmbSharesAreNamedCountedAndRemovedAsHcsshimDoes() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> guest = new CompletableFuture<>();
        try (UtilityVm vm = startedVm(seen, guest)) {
            seen.clear();
            Resource base = vm.addVsmb("C:\\layers\\base", true);
            Resource baseAgain = vm.addVsmb("C:\\layers\\base", true);
            Resource data = vm.addVsmb("C:\\data", false);
            assertEquals("\\\\?\\VMSMB\\VSMB-{dcc079ae-60ba-4d07-847c-3493609c0870}\\s1", base.guestPath());
            assertEquals(base.guestPath(), baseAgain.guestPath());
            assertEquals(UtilityVm.VSMB_SHARE_PREFIX + "s2", data.guestPath());
            base.close();
            assertEquals(2, seen.size(), "the second handle keeps the share");
            baseAgain.close();
            data.close();
        }
        guest.get(10, TimeUnit.SECONDS);
        assertEquals(List.of(
                "Add VirtualMachine/Devices/VirtualSmb/Shares {\"Name\":\"s1\",\"Path\":\"C:\\\\layers\\\\base\",\"Options\":"
                        + "{\"ReadOnly\":true,\"ShareRead\":true,\"CacheIo\":true,\"TakeBackupPrivilege\":true,\"PseudoOplocks\":true}}",
                "Add VirtualMachine/Devices/VirtualSmb/Shares {\"Name\":\"s2\",\"Path\":\"C:\\\\data\",\"Options\":"
                        + "{\"TakeBackupPrivilege\":true}}",
                "Remove VirtualMachine/Devices/VirtualSmb/Shares {\"Name\":\"s1\"}",
                "Remove VirtualMachine/Devices/VirtualSmb/Shares {\"Name\":\"s2\"}"), seen);
    }

    /**
     * A container's storage in a Windows VM as hcsshim's mountHypervIsolatedWCIFSLayers: the scratch on SCSI
     * controller 0 (LUN 1: the VM's own scratch is 0:0) mounted at c:\mounts\scsi\m0 with a WCOW
     * MappedVirtualDisk, the layers combined there (no FilterType: WCIFS is the default), the HostedSystem
     * document in Create; removal in reverse.
     */
    @Test
    void aContainersScratchLayersAndDocumentReachTheWindowsGuest() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> guest = new CompletableFuture<>();
        try (UtilityVm vm = startedVm(seen, guest)) {
            seen.clear();
            Resource scratch = vm.addScsiDisk("C:\\c1\\sandbox.vhdx", null, false);
            assertEquals("c:\\mounts\\scsi\\m0", scratch.guestPath());
            Layer base = new Layer();
            base.id = "8a0f0a4e-1c2d-5e6f-8a9b-0c1d2e3f4a5b";
            base.path = UtilityVm.VSMB_SHARE_PREFIX + "s1";
            Resource layers = vm.addCombinedLayersWcow(scratch.guestPath(), List.of(base));
            HostedSystem doc = new HostedSystem();
            doc.container = new io.hcs4j.schema.v2.Container();
            vm.createHostedContainer("c1", doc);
            layers.close();
            scratch.close();
        }
        guest.get(10, TimeUnit.SECONDS);
        String controller0 = LcowDocument.SCSI_CONTROLLER_IDS.get(0);
        assertEquals(List.of(
                "Add VirtualMachine/Devices/Scsi/" + controller0 + "/Attachments/1 {\"Type\":\"VirtualDisk\",\"Path\":\"C:\\\\c1\\\\sandbox.vhdx\"}",
                "MODIFY {\"RequestType\":\"Add\",\"ResourceType\":\"MappedVirtualDisk\",\"Settings\":{\"ContainerPath\":\"c:\\\\mounts\\\\scsi\\\\m0\",\"Lun\":1}}",
                "MODIFY {\"RequestType\":\"Add\",\"ResourceType\":\"CombinedLayers\",\"Settings\":{\"ContainerRootPath\":\"c:\\\\mounts\\\\scsi\\\\m0\","
                        + "\"Layers\":[{\"Id\":\"8a0f0a4e-1c2d-5e6f-8a9b-0c1d2e3f4a5b\",\"Path\":\"\\\\\\\\?\\\\VMSMB\\\\VSMB-{dcc079ae-60ba-4d07-847c-3493609c0870}\\\\s1\"}]}}",
                "CREATE c1 {\"Container\":{}}",
                "MODIFY {\"RequestType\":\"Remove\",\"ResourceType\":\"CombinedLayers\",\"Settings\":{\"ContainerRootPath\":\"c:\\\\mounts\\\\scsi\\\\m0\"}}",
                "MODIFY {\"RequestType\":\"Remove\",\"ResourceType\":\"MappedVirtualDisk\",\"Settings\":{\"ContainerPath\":\"c:\\\\mounts\\\\scsi\\\\m0\",\"Lun\":1}}",
                "Remove VirtualMachine/Devices/Scsi/" + controller0 + "/Attachments/1 null"), seen);
    }
}
