package io.hcs4j.emulator.guest;

import io.hcs4j.emulator.hcs.GuestInstance;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.v2.ComputeSystem;
import io.hcs4j.schema.v2.ModifySettingRequest;
import io.hcs4j.schema.v2.ProcessParameters;
import io.hcs4j.uvm.LcowOptions;
import io.hcs4j.uvm.Resource;
import io.hcs4j.uvm.UtilityVm;
import io.hcs4j.uvm.VmSystem;
import io.hcs4j.uvm.guest.GuestContainer;
import io.hcs4j.uvm.guest.GuestProcess;
import io.hcs4j.uvm.transport.HvSocketDirs;
import io.hcs4j.uvm.transport.HvSocketTransport;
import io.hcs4j.uvm.transport.UnixSocketTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * UtilityVm over a compute system that boots the emulated guest the way the HCS emulator does (its guest
 * launcher on start, a kill on terminate); it records the HCS modify requests it is given.
 */
@Timeout(60)
class UtilityVmTest {
    @TempDir
    Path work;

    static final class LaunchingSystem implements VmSystem {
        final String id;
        final boolean bootGuest;
        final List<String> modifies = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> exit = new CompletableFuture<>();
        /** A resource path whose Add this system refuses, as HCS refuses a device; null for none. */
        volatile String failAdd;
        volatile ComputeSystem document;
        volatile GuestInstance guest;

        LaunchingSystem(String id, ComputeSystem document, boolean bootGuest) {
            this.id = id;
            this.document = document;
            this.bootGuest = bootGuest;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public HvSocketTransport transport() {
            return UnixSocketTransport.PER_VM_DIRECTORY.forVm(id, null);
        }

        @Override
        public void start() throws IOException {
            if (bootGuest) {
                guest = new EmulatedGuestLauncher().launch(id, Json.write(document));
                guest.exit().whenComplete((c, e) -> exit.complete(null));
            }
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
            if (guest != null) {
                guest.kill();
            }
            exit.complete(null);
        }

        @Override
        public void modify(ModifySettingRequest request) throws IOException {
            if (request.requestType.value().equals("Add") && request.resourcePath.equals(failAdd)) {
                throw new IOException("refused: " + request.resourcePath);
            }
            modifies.add(request.requestType.value() + " " + request.resourcePath);
        }

        @Override
        public void grantAccess(String hostPath) {
            modifies.add("Grant " + hostPath);
        }

        @Override
        public CompletableFuture<?> exit() {
            return exit;
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(HvSocketDirs.forVm(id));
            } catch (IOException ignored) {
                // the directory is only removed when empty
            }
        }
    }

    private LcowOptions options() {
        return new LcowOptions(UtilityVm.idFor("task-" + UUID.randomUUID().toString().substring(0, 8)));
    }

    @Test
    void bootsRunsProcessesAndHotAddsResourcesWithReferenceCounts() throws Exception {
        LcowOptions options = options();
        LaunchingSystem[] system = new LaunchingSystem[1];
        try (UtilityVm vm = UtilityVm.createLcow((id, doc) -> system[0] = new LaunchingSystem(id, doc, true), options)) {
            assertTrue(vm.id().endsWith("@vm"));
            assertEquals(1024, system[0].document.virtualMachine.computeTopology.memory.sizeInMb);
            vm.start(Duration.ofSeconds(30), Duration.ofSeconds(30));

            ProcessParameters echo = new ProcessParameters();
            echo.commandArgs = List.of("/bin/sh", "-c", "echo in the vm");
            echo.createStdOutPipe = true;
            GuestProcess p = vm.createProcess(echo);
            assertEquals("in the vm\n", new String(p.stdout().readAllBytes()));
            p.closeStdout();
            assertEquals(0, p.exit().get(10, TimeUnit.SECONDS));

            Path layer = EmulatedVm.busyboxLayer(work.resolve("layer"));
            String root = work.resolve("c1/rootfs").toString();
            Resource layers = vm.addCombinedLayers("c1", root, List.of(layer.toString()), work.resolve("s1").toString());
            Resource again = vm.addCombinedLayers("c1", root, List.of(layer.toString()), work.resolve("s1").toString());
            var spec = EmulatedVm.process("sh", "-c", "echo from c1");
            var ociSpec = Json.mapper().createObjectNode();
            ociSpec.set("process", spec);
            ociSpec.putObject("root").put("path", root);
            GuestContainer c = vm.createContainer("c1", ociSpec, null, null);
            c.start();
            assertEquals("from c1\n", EmulatedVm.run(c.createProcess(EmulatedVm.init())).stdout());
            c.exit().get(10, TimeUnit.SECONDS);
            c.deleteState();
            layers.close();
            assertTrue(Files.exists(Path.of(root)), "still referenced");
            again.close();
            assertTrue(!Files.exists(Path.of(root)), "removed at the last close");

            Resource disk = vm.addScsiDisk("C:\\disks\\a.vhdx", "/run/mounts/a", true);
            Resource sameDisk = vm.addScsiDisk("C:\\disks\\a.vhdx", "/run/mounts/a", true);
            Resource other = vm.addScsiDisk("C:\\disks\\b.vhdx", "/run/mounts/b", false);
            Resource pmem = vm.addVpmem("C:\\layers\\l1.vhd", "/run/layers/p0");
            Resource share = vm.addPlan9("C:\\share", "/run/share", true);
            var namespace = Json.mapper().createObjectNode().put("ID", "5f0e1b2a-0000-4000-8000-00000000000b");
            Resource netns = vm.addNetworkNamespace(namespace);
            var endpoint = new io.hcs4j.schema.guest.LCOWNetworkAdapter();
            endpoint.id = "b3f7c0e1-0000-4000-8000-000000000001";
            endpoint.namespaceId = "5f0e1b2a-0000-4000-8000-00000000000b";
            endpoint.macAddress = "00-15-5D-12-34-56";
            Resource nic = vm.addNetworkAdapter(id -> new io.hcs4j.uvm.network.Endpoint(id, endpoint.macAddress, endpoint),
                    endpoint.id);
            nic.close();
            netns.close();
            disk.close();
            sameDisk.close();
            other.close();
            pmem.close();
            share.close();
            String scsi = "VirtualMachine/Devices/Scsi/df6d0690-79e5-55b6-a5ec-c1e2f77f580a/Attachments/";
            String nicPath = "VirtualMachine/Devices/NetworkAdapters/b3f7c0e1-0000-4000-8000-000000000001";
            assertEquals(List.of("Add " + scsi + "0", "Add " + scsi + "1",
                    "Add VirtualMachine/Devices/VirtualPMem/Devices/0", "Add VirtualMachine/Devices/Plan9/Shares",
                    "Add " + nicPath, "Remove " + nicPath, "Remove " + scsi + "0", "Remove " + scsi + "1", "Remove VirtualMachine/Devices/VirtualPMem/Devices/0",
                    "Remove VirtualMachine/Devices/Plan9/Shares"), system[0].modifies);
        }
        system[0].guest.exit().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aGuestThatNeverConnectsFailsStartAfterTheTimeout() throws Exception {
        LcowOptions options = options();
        LaunchingSystem[] system = new LaunchingSystem[1];
        try (UtilityVm vm = UtilityVm.createLcow((id, doc) -> system[0] = new LaunchingSystem(id, doc, false), options)) {
            long start = System.nanoTime();
            IOException e = assertThrows(IOException.class, () -> vm.start(Duration.ofMillis(500), Duration.ofSeconds(5)));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals("utility VM " + vm.id() + " failed to start: the guest of " + vm.id()
                    + " did not connect to the GCS bridge within 500 ms", e.getMessage());
            assertTrue(ms >= 450 && ms < 5000, ms + " ms");
            assertTrue(system[0].exit.isDone(), "the VM was terminated");
            assertThrows(IllegalStateException.class, vm::guest);
        }
    }
}
