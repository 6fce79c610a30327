package io.hcs4j.emulator.guest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.platform.posix.Posix;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.guest.LCOWMappedVPMemDevice;
import io.hcs4j.schema.guest.LCOWMappedVirtualDisk;
import io.hcs4j.schema.guest.ModificationRequest;
import io.hcs4j.schema.v2.ProcessParameters;
import io.hcs4j.uvm.bridge.GcsException;
import io.hcs4j.uvm.guest.GuestContainer;
import io.hcs4j.uvm.guest.GuestProcess;
import io.hcs4j.uvm.transport.HvSocketDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Hot-added devices whose host path is a directory: the emulated VM's device directory names the host path,
 * the guest maps it at the mount path (a bind mount as root, a link without) and takes it away on Remove.
 */
@Timeout(60)
class GuestDevicesTest {
    @TempDir
    Path work;

    private static ModificationRequest request(String op, String type, ObjectNode settings) {
        ObjectNode r = Json.mapper().createObjectNode().put("RequestType", op).put("ResourceType", type);
        r.set("Settings", settings);
        return Json.convert(r, ModificationRequest.class);
    }

    /** vPMem device 2 mapped at {@code mountPath}. */
    private static LCOWMappedVPMemDevice vpmem(String mountPath) {
        LCOWMappedVPMemDevice device = new LCOWMappedVPMemDevice();
        device.deviceNumber = 2;
        device.mountPath = mountPath;
        return device;
    }

    /** What the emulated VM's hardware shows the guest: the device entry links to the host path. */
    private static void publish(Path vmDir, String key, Path hostPath) throws Exception {
        Path entry = vmDir.resolve("devices").resolve(key);
        Files.createDirectories(entry.getParent());
        Files.createSymbolicLink(entry, hostPath);
    }

    private static String vmShell(EmulatedVm vm, String script) throws Exception {
        ProcessParameters p = new ProcessParameters();
        p.commandArgs = List.of("/bin/sh", "-c", script);
        p.createStdOutPipe = true;
        p.createStdErrPipe = true;
        EmulatedVm.Result r = EmulatedVm.run(vm.connection.createVmProcess(p));
        assertEquals(0, r.exitCode(), r.toString());
        return r.stdout();
    }

    @Test
    void aPlan9ShareAndADirectoryDiskAreMountedInTheContainerAndGoneAfterRemove() throws Exception {
        assumeTrue(Posix.isRoot(), "bind mounts need root");
        try (EmulatedVm vm = new EmulatedVm(work)) {
            Path vmDir = HvSocketDirs.forVm(vm.id);
            Path share = Files.createDirectories(work.resolve("host-share"));
            Files.writeString(share.resolve("hello.txt"), "hello from the host\n");
            Path disk = Files.createDirectories(work.resolve("host-disk"));
            publish(vmDir, "plan9/7", share);
            publish(vmDir, "scsi/0-3", disk);

            GuestContainer c = vm.createContainer("c-dev", "sh", "-c", EmulatedGuestTest.LOOP);
            GuestProcess init = c.createProcess(EmulatedVm.init());
            Path rootfs = vm.rootPath("c-dev");
            ObjectNode plan9 = Json.mapper().createObjectNode().put("MountPath", rootfs.resolve("mnt/share").toString())
                    .put("Port", 564).put("ShareName", "7").put("ReadOnly", true);
            vm.connection.modify(request("Add", "MappedDirectory", plan9));
            ObjectNode scsi = Json.mapper().createObjectNode().put("MountPath", rootfs.resolve("mnt/disk").toString())
                    .put("Controller", 0).put("Lun", 3);
            vm.connection.modify(request("Add", "MappedVirtualDisk", scsi));

            assertEquals(new EmulatedVm.Result("hello from the host\n", "", 0),
                    EmulatedVm.run(c.createProcess(EmulatedVm.exec(false, true, true, "cat", "/mnt/share/hello.txt"))));
            EmulatedVm.Result denied = EmulatedVm.run(c.createProcess(EmulatedVm.exec(false, true, true, "sh", "-c",
                    "echo x > /mnt/share/new")));
            assertNotEquals(0, denied.exitCode());
            assertTrue(denied.stderr().contains("Read-only"), denied.toString());
            assertFalse(Files.exists(share.resolve("new")));
            assertEquals(0, EmulatedVm.run(c.createProcess(EmulatedVm.exec(false, true, true, "sh", "-c",
                    "echo written > /mnt/disk/out"))).exitCode());
            assertEquals("written\n", Files.readString(disk.resolve("out")));

            // Mapping twice at one path, or removing what is not mapped: clear errors.
            GcsException twice = assertThrows(GcsException.class,
                    () -> vm.connection.modify(request("Add", "MappedDirectory", plan9)));
            assertEquals(HResults.V1_INVALID_STATE, twice.result());
            GcsException unknown = assertThrows(GcsException.class, () -> vm.connection.modify(request("Remove",
                    "MappedDirectory", Json.mapper().createObjectNode().put("MountPath", "/nowhere"))));
            assertEquals(HResults.E_ELEMENT_NOT_FOUND, unknown.result());

            vm.connection.modify(request("Remove", "MappedDirectory", plan9));
            vm.connection.modify(request("Remove", "MappedVirtualDisk", scsi));
            assertEquals(new EmulatedVm.Result("", "", 0),
                    EmulatedVm.run(c.createProcess(EmulatedVm.exec(false, true, true, "sh", "-c", "ls /mnt"))));
            // No mount is left in the guest's mount namespace.
            String mounts = vmShell(vm, "cat /proc/self/mountinfo");
            assertFalse(mounts.contains(share.toString()) || mounts.contains("/mnt/share"), mounts);
            assertFalse(mounts.contains("/mnt/disk"), mounts);
            assertTrue(Files.exists(share.resolve("hello.txt")), "the host's files are untouched");

            c.shutdown();
            EmulatedVm.run(init);
            c.exit().get(10, TimeUnit.SECONDS);
            vm.removeLayers("c-dev");
            c.deleteState();
        }
    }

    @Test
    void aContainerSeesAPlan9ShareOfTheVmThroughItsSpecBindMount() throws Exception {
        assumeTrue(Posix.isRoot(), "bind mounts need root");
        try (EmulatedVm vm = new EmulatedVm(work)) {
            Path share = Files.createDirectories(work.resolve("host-share"));
            Files.writeString(share.resolve("hello.txt"), "shared\n");
            publish(HvSocketDirs.forVm(vm.id), "plan9/3", share);
            // As the host does: the share is mounted in the VM, and the container's spec binds it in.
            Path inVm = work.resolve("uvm/run/mounts/m3");
            ObjectNode plan9 = Json.mapper().createObjectNode().put("MountPath", inVm.toString()).put("Port", 564)
                    .put("ShareName", "3");
            vm.connection.modify(request("Add", "MappedDirectory", plan9));

            vm.addLayers("c-spec");
            ObjectNode spec = Json.mapper().createObjectNode().put("ociVersion", "1.1.0");
            spec.set("process", EmulatedVm.process("sh", "-c", EmulatedGuestTest.LOOP));
            spec.putObject("root").put("path", vm.rootPath("c-spec").toString());
            ObjectNode mount = spec.putArray("mounts").addObject().put("destination", "/data").put("type", "bind")
                    .put("source", inVm.toString());
            mount.putArray("options").add("rbind").add("rw");
            spec.withArray("mounts").addObject().put("destination", "/proc").put("type", "proc").put("source", "proc");
            GuestContainer c = vm.connection.createContainer("c-spec", spec,
                    work.resolve("c/c-spec").toString(), work.resolve("scratch/c-spec").toString());
            c.start();
            GuestProcess init = c.createProcess(EmulatedVm.init());
            assertEquals(new EmulatedVm.Result("shared\n", "", 0),
                    EmulatedVm.run(c.createProcess(EmulatedVm.exec(false, true, true, "cat", "/data/hello.txt"))));
            assertEquals(0, EmulatedVm.run(c.createProcess(EmulatedVm.exec(false, true, true, "sh", "-c",
                    "echo back > /data/from-container"))).exitCode());
            assertEquals("back\n", Files.readString(share.resolve("from-container")));

            c.shutdown();
            EmulatedVm.run(init);
            c.exit().get(10, TimeUnit.SECONDS);
            vm.removeLayers("c-spec");
            c.deleteState();
            assertFalse(vmShell(vm, "cat /proc/self/mountinfo").contains(vm.rootPath("c-spec").resolve("data").toString()));
            vm.connection.modify(request("Remove", "MappedDirectory", plan9));
            assertFalse(vmShell(vm, "cat /proc/self/mountinfo").contains(inVm.toString()));
        }
    }

    @Test
    void withoutRootADirectoryShareIsLinkedAtTheMountPath(@TempDir Path vmDir) throws Exception {
        Path share = Files.createDirectories(work.resolve("host-share"));
        publish(vmDir, "vpmem/2", share);
        GuestMounts mounts = new GuestMounts(false, vmDir.resolve("devices"));
        Path target = work.resolve("guest/run/layers/p2");
        LCOWMappedVPMemDevice vpmem = vpmem(target.toString());
        mounts.add(vpmem);
        assertEquals(share.toRealPath(), target.toRealPath());
        // A path that exists cannot take a link: refused, and the existing path is left alone.
        Files.createDirectories(work.resolve("taken"));
        LCOWMappedVPMemDevice taken = vpmem(work.resolve("taken").toString());
        assertEquals(HResults.E_FAIL, assertThrows(GuestError.class, () -> mounts.add(taken)).hresult);
        assertTrue(Files.isDirectory(work.resolve("taken"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(HResults.E_INVALIDARG, assertThrows(GuestError.class, () -> mounts.add(vpmem("relative/path"))).hresult);

        mounts.remove(vpmem);
        assertFalse(Files.exists(target, LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.isDirectory(share), "the host directory stays");
        assertEquals(HResults.E_ELEMENT_NOT_FOUND, assertThrows(GuestError.class, () -> mounts.remove(vpmem)).hresult);
    }

    @Test
    void aDeviceWithNoDirectoryBehindItIsAcknowledgedWithoutAMount(@TempDir Path vmDir) throws Exception {
        GuestMounts mounts = new GuestMounts(false, vmDir.resolve("devices"));
        Path target = work.resolve("run/mounts/a");
        LCOWMappedVirtualDisk disk = new LCOWMappedVirtualDisk();
        disk.mountPath = target.toString();
        mounts.add(disk);
        assertFalse(Files.exists(target, LinkOption.NOFOLLOW_LINKS));
        mounts.remove(disk);
    }
}
