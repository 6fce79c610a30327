package io.hcs4j.emulator.guest;

import io.hcs4j.uvm.LcowLayers;
import io.hcs4j.uvm.LcowOptions;
import io.hcs4j.uvm.Resource;
import io.hcs4j.uvm.UtilityVm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Layer VHDs attached to a utility VM: the vPMem-or-SCSI choice at the slot and size limits, the guest paths each
 * gets, sharing and reference counts, the order of attach and detach, and a failure halfway. The VM's compute
 * system records the HCS modifies ({@link UtilityVmTest.LaunchingSystem}); the emulated guest answers the guest
 * requests (the files are no disk images, so it mounts nothing).
 */
@Timeout(60)
class LayerAttachTest {
    private static final String VPMEM = "VirtualMachine/Devices/VirtualPMem/Devices/";
    private static final String SCSI = "VirtualMachine/Devices/Scsi/df6d0690-79e5-55b6-a5ec-c1e2f77f580a/Attachments/";

    @TempDir
    Path work;

    private String prefix() {
        return work.resolve("vm").toString();
    }

    private Path file(String name, int size) throws IOException {
        return Files.write(work.resolve(name), new byte[size]);
    }

    private interface VmTest {
        void run(UtilityVm vm, UtilityVmTest.LaunchingSystem system) throws Exception;
    }

    private void withVm(int vpmemCount, long vpmemSize, boolean physicallyBacked, VmTest test) throws Exception {
        LcowOptions options = new LcowOptions(UtilityVm.idFor("layers-" + UUID.randomUUID().toString().substring(0, 8)));
        options.vpmemDeviceCount = vpmemCount;
        options.vpmemSizeBytes = vpmemSize;
        options.guestPathPrefix = work.resolve("vm").toString(); // the guest shares this host's files
        if (physicallyBacked) {
            options.fullyPhysicallyBacked = true;
            options.allowOvercommit = false;
        }
        UtilityVmTest.LaunchingSystem[] system = new UtilityVmTest.LaunchingSystem[1];
        try (UtilityVm vm = UtilityVm.createLcow((id, doc) -> system[0] = new UtilityVmTest.LaunchingSystem(id, doc, true),
                options)) {
            vm.start(Duration.ofSeconds(30), Duration.ofSeconds(30));
            test.run(vm, system[0]);
        }
        system[0].guest.exit().get(10, TimeUnit.SECONDS);
    }

    @Test
    void layersTakeVpmemWhileItFitsThenReadOnlyScsiAndShareOneAttachmentPerFile() throws Exception {
        withVm(2, 1000, false, (vm, system) -> {
            Resource a = vm.addLayer(file("a.vhd", 500).toString());
            Resource atMax = vm.addLayer(file("b.vhd", 1000).toString());
            Resource slotsFull = vm.addLayer(file("c.vhd", 10).toString());
            Resource tooLarge = vm.addLayer(file("d.vhd", 1001).toString());
            Resource aAgain = vm.addLayer(work.resolve("a.vhd").toString());
            assertEquals(prefix() + "/run/layers/p0", a.guestPath());
            assertEquals(prefix() + "/run/layers/p1", atMax.guestPath());
            assertEquals(prefix() + "/run/mounts/scsi/m0", slotsFull.guestPath());
            assertEquals(prefix() + "/run/mounts/scsi/m1", tooLarge.guestPath());
            assertEquals(prefix() + "/run/layers/p0", aAgain.guestPath(), "one attachment per file");
            assertEquals(List.of("Add " + VPMEM + "0", "Add " + VPMEM + "1", "Add " + SCSI + "0", "Add " + SCSI + "1"),
                    system.modifies);

            a.close();
            assertEquals(4, system.modifies.size(), "still referenced");
            aAgain.close();
            slotsFull.close();
            // Freed slots are taken again: the next small layer gets vPMem device 0.
            Resource e = vm.addLayer(file("e.vhd", 10).toString());
            assertEquals(prefix() + "/run/layers/p0", e.guestPath());
            Resource f = vm.addLayer(file("f.vhd", 2000).toString());
            assertEquals(prefix() + "/run/mounts/scsi/m0", f.guestPath());
            for (Resource r : List.of(e, f, atMax, tooLarge)) {
                r.close();
            }
            assertEquals(List.of("Add " + VPMEM + "0", "Add " + VPMEM + "1", "Add " + SCSI + "0", "Add " + SCSI + "1",
                    "Remove " + VPMEM + "0", "Remove " + SCSI + "0", "Add " + VPMEM + "0", "Add " + SCSI + "0",
                    "Remove " + VPMEM + "0", "Remove " + SCSI + "0", "Remove " + VPMEM + "1", "Remove " + SCSI + "1"),
                    system.modifies);
        });
    }

    @Test
    void aFullyPhysicallyBackedVmTakesEveryLayerOverScsi() throws Exception {
        withVm(0, 1000, true, (vm, system) -> {
            try (Resource a = vm.addLayer(file("a.vhd", 10).toString())) {
                assertEquals(prefix() + "/run/mounts/scsi/m0", a.guestPath());
            }
            assertEquals(List.of("Add " + SCSI + "0", "Remove " + SCSI + "0"), system.modifies);
        });
    }

    @Test
    void aRootfsAttachesLayersThenTheScratchAndDetachesInReverse() throws Exception {
        withVm(4, 1 << 20, false, (vm, system) -> {
            Path root = work.resolve("guest/c1");
            // The recording system plugs nothing in, so the guest mounts nothing: the layers' guest paths are
            // empty directories for the overlay.
            Files.createDirectories(Path.of(prefix(), "run/layers/p0"));
            Files.createDirectories(Path.of(prefix(), "run/layers/p1"));
            LcowLayers rootfs = LcowLayers.mount(vm, "c1", List.of(file("top.vhd", 10).toString(),
                    file("base.vhd", 10).toString()), file("sandbox.vhdx", 10).toString(), root.toString());
            assertEquals(root + "/rootfs", rootfs.guestPath());
            assertEquals(root + "/scratch/c1", rootfs.scratchDir());
            assertTrue(Files.isDirectory(root.resolve("rootfs")), "the guest combined the layers");
            rootfs.close();
            rootfs.close(); // once only
            // hcsshim grants the VM access to the scratch (the container's own copy), not to the layers.
            assertEquals(List.of("Add " + VPMEM + "0", "Add " + VPMEM + "1", "Grant " + work.resolve("sandbox.vhdx"),
                    "Add " + SCSI + "0", "Remove " + SCSI + "0", "Remove " + VPMEM + "1", "Remove " + VPMEM + "0"),
                    system.modifies);
        });
    }

    @Test
    void aLayerThatFailsToAttachUndoesTheOnesBeforeIt() throws Exception {
        withVm(4, 1 << 20, false, (vm, system) -> {
            system.failAdd = VPMEM + "1";
            IOException e = assertThrows(IOException.class, () -> LcowLayers.mount(vm, "c1",
                    List.of(file("top.vhd", 10).toString(), file("mid.vhd", 10).toString(), file("base.vhd", 10).toString()),
                    file("sandbox.vhdx", 10).toString(), work.resolve("guest/c1").toString()));
            assertTrue(e.getMessage().contains("mid.vhd"), e.getMessage());
            assertEquals(List.of("Add " + VPMEM + "0", "Remove " + VPMEM + "0"), system.modifies);

            // A scratch that fails undoes every layer; the slots are free again.
            system.modifies.clear();
            system.failAdd = SCSI + "0";
            assertThrows(IOException.class, () -> LcowLayers.mount(vm, "c1", List.of(work.resolve("top.vhd").toString(),
                    work.resolve("base.vhd").toString()), work.resolve("sandbox.vhdx").toString(),
                    work.resolve("guest/c1").toString()));
            assertEquals(List.of("Add " + VPMEM + "0", "Add " + VPMEM + "1", "Grant " + work.resolve("sandbox.vhdx"),
                    "Remove " + VPMEM + "1", "Remove " + VPMEM + "0"), system.modifies);
        });
    }
}
