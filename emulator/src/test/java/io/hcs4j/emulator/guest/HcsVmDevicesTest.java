package io.hcs4j.emulator.guest;

import io.hcs4j.emulator.hcs.Emulator;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.hcs.ComputeSystem;
import io.hcs4j.hcs.HcsException;
import io.hcs4j.hcs.HcsGeneration;
import io.hcs4j.hcs.HcsService;
import io.hcs4j.platform.posix.Posix;
import io.hcs4j.schema.guest.RequestType;
import io.hcs4j.schema.v2.Attachment;
import io.hcs4j.schema.v2.ModifySettingRequest;
import io.hcs4j.schema.v2.Plan9Share;
import io.hcs4j.schema.v2.ProcessParameters;
import io.hcs4j.uvm.HcsVmSystem;
import io.hcs4j.uvm.LcowDocument;
import io.hcs4j.uvm.LcowOptions;
import io.hcs4j.uvm.Resource;
import io.hcs4j.uvm.UtilityVm;
import io.hcs4j.uvm.transport.HvSocketDirs;
import io.hcs4j.uvm.transport.UnixSocketTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Hot-added devices end to end: UtilityVm sends the HCS modify, the HCS emulator plugs the device into the VM's
 * device directory, the emulated guest maps it, and a process in the VM sees the host's files.
 */
@Timeout(90)
class HcsVmDevicesTest {

    @TempDir
    Path work;

    @Test
    void aPlan9ShareAndADirectoryDiskAreSeenInTheVmReadOnlyEnforcedAndGoneAfterRemove() throws Exception {
        assumeTrue(Posix.isRoot(), "the guest bind-mounts devices as root");
        Path share = Files.createDirectories(work.resolve("host-share"));
        Files.writeString(share.resolve("hello.txt"), "hello from the host\n");
        Path disk = Files.createDirectories(work.resolve("host-disk"));
        Path inShare = work.resolve("uvm/run/mounts/share");
        Path inDisk = work.resolve("uvm/run/mounts/disk");
        String vmId;
        try (Emulator emulator = new Emulator();
             UtilityVm vm = boot(HcsService.open(emulator.backend(), HcsGeneration.COMPUTECORE))) {
            vmId = vm.id();
            Path devices = HvSocketDirs.forVm(vmId).resolve("devices");

            Resource plan9 = vm.addPlan9(share.toString(), inShare.toString(), true);
            assertEquals(share.toRealPath(), devices.resolve("plan9/0").toRealPath(), "the VM's hardware names the share");
            assertEquals(new EmulatedVm.Result("hello from the host\n", "", 0),
                    run(vm, "cat " + inShare.resolve("hello.txt")));
            EmulatedVm.Result denied = run(vm, "echo x > " + inShare.resolve("new"));
            assertNotEquals(0, denied.exitCode());
            assertTrue(denied.stderr().contains("Read-only"), denied.toString());
            assertFalse(Files.exists(share.resolve("new")));

            Resource scsi = vm.addScsiDisk(disk.toString(), inDisk.toString(), false);
            assertTrue(Files.isSymbolicLink(devices.resolve("scsi/0-0")));
            assertEquals(0, run(vm, "echo written > " + inDisk.resolve("out")).exitCode());
            assertEquals("written\n", Files.readString(disk.resolve("out")));

            // A vPMem device is read-only by nature.
            Path inPmem = work.resolve("uvm/run/layers/p0");
            Resource pmem = vm.addVpmem(share.toString(), inPmem.toString());
            assertTrue(Files.isSymbolicLink(devices.resolve("vpmem/0")));
            assertEquals("hello from the host\n", run(vm, "cat " + inPmem.resolve("hello.txt")).stdout());
            assertNotEquals(0, run(vm, "echo x > " + inPmem.resolve("new")).exitCode());
            pmem.close();
            assertFalse(Files.exists(devices.resolve("vpmem/0"), LinkOption.NOFOLLOW_LINKS));

            plan9.close();
            scsi.close();
            assertFalse(Files.exists(devices.resolve("plan9/0"), LinkOption.NOFOLLOW_LINKS));
            assertFalse(Files.exists(devices.resolve("scsi/0-0"), LinkOption.NOFOLLOW_LINKS));
            String mounts = run(vm, "cat /proc/self/mountinfo").stdout();
            assertFalse(mounts.contains(inShare.toString()) || mounts.contains(inDisk.toString()), mounts);
            assertEquals(new EmulatedVm.Result("", "", 0), run(vm, "ls " + work.resolve("uvm/run/mounts")));
        }
        assertNothingLeft(vmId, share, disk);
        assertTrue(Files.exists(share.resolve("hello.txt")), "the host's files stay");
    }

    @Test
    void badDevicesFailWithHcsErrorsAndLeaveNothingBehind() throws Exception {
        Path disk = Files.createDirectories(work.resolve("host-disk"));
        Path share = Files.createDirectories(work.resolve("host-share"));
        String vmId;
        try (Emulator emulator = new Emulator()) {
            HcsService hcs = HcsService.open(emulator.backend(), HcsGeneration.COMPUTECORE);
            try (UtilityVm vm = boot(hcs)) {
                vmId = vm.id();
                Path devices = HvSocketDirs.forVm(vmId).resolve("devices");
                try (ComputeSystem system = hcs.openComputeSystem(vmId)) {
                    String lun0 = scsiPath(0, 0);
                    system.modify(request(RequestType.ADD, lun0, attachment(disk)));
                    // The same LUN twice: E_ALREADY_EXISTS, and the first stays plugged in.
                    assertEquals(HResults.E_ALREADY_EXISTS, hresult(() -> system.modify(request(RequestType.ADD, lun0,
                            attachment(share)))));
                    assertEquals(disk.toRealPath(), devices.resolve("scsi/0-0").toRealPath());
                    // A host path that does not exist: E_FILE_NOT_FOUND, as HCS reports a missing VHD.
                    assertEquals(HResults.E_FILE_NOT_FOUND, hresult(() -> system.modify(request(RequestType.ADD,
                            scsiPath(0, 1), attachment(work.resolve("missing.vhdx"))))));
                    assertFalse(Files.exists(devices.resolve("scsi/0-1"), LinkOption.NOFOLLOW_LINKS));
                    // A controller the VM does not have, a LUN past the controller's 64.
                    assertEquals(HResults.E_INVALIDARG, hresult(() -> system.modify(request(RequestType.ADD,
                            "VirtualMachine/Devices/Scsi/" + UUID.randomUUID() + "/Attachments/0", attachment(disk)))));
                    assertEquals(HResults.E_INVALIDARG, hresult(() -> system.modify(request(RequestType.ADD, scsiPath(0, 64),
                            attachment(disk)))));
                    // Removing what is not there: E_ELEMENT_NOT_FOUND.
                    assertEquals(HResults.E_ELEMENT_NOT_FOUND, hresult(() -> system.modify(request(RequestType.REMOVE,
                            scsiPath(0, 5), null))));
                    system.modify(request(RequestType.REMOVE, lun0, null));
                    assertEquals(HResults.E_ELEMENT_NOT_FOUND, hresult(() -> system.modify(request(RequestType.REMOVE, lun0,
                            null))));

                    // Plan9: a duplicate share name, a file where a directory is shared, an unknown share.
                    Plan9Share s = new Plan9Share();
                    s.name = "dup";
                    s.accessName = "dup";
                    s.path = share.toString();
                    s.port = 564;
                    system.modify(request(RequestType.ADD, "VirtualMachine/Devices/Plan9/Shares", s));
                    assertEquals(HResults.E_ALREADY_EXISTS, hresult(() -> system.modify(request(RequestType.ADD,
                            "VirtualMachine/Devices/Plan9/Shares", s))));
                    // Update of a device is not supported.
                    assertEquals(HResults.E_NOT_SUPPORTED, hresult(() -> system.modify(request(RequestType.UPDATE,
                            "VirtualMachine/Devices/Plan9/Shares", s))));
                    // vPMem: a slot past the VM's MaximumCount.
                    assertEquals(HResults.E_INVALIDARG, hresult(() -> system.modify(request(RequestType.ADD,
                            "VirtualMachine/Devices/VirtualPMem/Devices/4096", attachment(disk)))));
                }
                // Through UtilityVm: the failed HCS modify surfaces, and the slot is free for the next disk.
                IOException missing = assertThrows(IOException.class,
                        () -> vm.addScsiDisk(work.resolve("missing.vhdx").toString(), "/run/mounts/x", true));
                assertEquals(HResults.E_FILE_NOT_FOUND, hcsCause(missing).hresult());
                Path image = Files.writeString(work.resolve("a.vhdx"), "not really a VHD");
                try (Resource r = vm.addScsiDisk(image.toString(), work.resolve("uvm/a").toString(), true)) {
                    assertEquals(image.toRealPath(), devices.resolve("scsi/0-0").toRealPath());
                }
            }
        }
        // The VM stopped with a share still plugged in: its device directory went with it.
        assertNothingLeft(vmId, share, disk);
    }

    private static UtilityVm boot(HcsService hcs) throws IOException {
        LcowOptions options = new LcowOptions(UtilityVm.idFor("dev-" + UUID.randomUUID().toString().substring(0, 8)));
        UtilityVm vm = UtilityVm.createLcow(HcsVmSystem.factory(hcs, UnixSocketTransport.PER_VM_DIRECTORY), options);
        try {
            vm.start(Duration.ofSeconds(30), Duration.ofSeconds(30));
            return vm;
        } catch (IOException | RuntimeException e) {
            vm.close();
            throw e;
        }
    }

    private static EmulatedVm.Result run(UtilityVm vm, String script) throws Exception {
        ProcessParameters p = new ProcessParameters();
        p.commandArgs = List.of("/bin/sh", "-c", script);
        p.createStdOutPipe = true;
        p.createStdErrPipe = true;
        return EmulatedVm.run(vm.createProcess(p));
    }

    private static String scsiPath(int controller, int lun) {
        return "VirtualMachine/Devices/Scsi/" + LcowDocument.SCSI_CONTROLLER_IDS.get(controller) + "/Attachments/" + lun;
    }

    private static Attachment attachment(Path hostPath) {
        Attachment a = new Attachment();
        a.type = "VirtualDisk";
        a.path = hostPath.toString();
        return a;
    }

    private static ModifySettingRequest request(RequestType type, String path, Object settings) {
        ModifySettingRequest r = new ModifySettingRequest();
        r.requestType = type;
        r.resourcePath = path;
        r.settings = settings;
        return r;
    }

    private interface Call {
        void run() throws Exception;
    }

    private static int hresult(Call call) {
        return hcsCause(assertThrows(Exception.class, call::run)).hresult();
    }

    private static HcsException hcsCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HcsException e) {
                return e;
            }
        }
        throw new AssertionError("no HcsException in " + t, t);
    }

    /** No device directory, no VM directory, no mount of the test's paths on the host. */
    private void assertNothingLeft(String vmId, Path... hostPaths) throws IOException {
        assertFalse(Files.exists(HvSocketDirs.forVm(vmId).resolve("devices"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(HvSocketDirs.forVm(vmId), LinkOption.NOFOLLOW_LINKS));
        String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
        assertFalse(mounts.contains(work.toString()), mounts);
        for (Path p : hostPaths) {
            assertTrue(Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS), p + " stays");
        }
    }
}
