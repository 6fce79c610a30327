package io.hcs4j.runhcs.scratch;

import com.sun.jna.WString;
import io.hcs4j.hcs.raw.ComputeCore;
import io.hcs4j.platform.windows.VirtDisk;
import io.hcs4j.schema.guest.GuestProcessParameters;
import io.hcs4j.schema.guest.LCOWMappedVirtualDisk;
import io.hcs4j.schema.guest.ModificationRequest;
import io.hcs4j.schema.guest.RequestType;
import io.hcs4j.schema.guest.ResourceType;
import io.hcs4j.schema.oci.Process;
import io.hcs4j.schema.v2.Attachment;
import io.hcs4j.schema.v2.ModifySettingRequest;
import io.hcs4j.uvm.LcowDocument;
import io.hcs4j.uvm.LcowOptions;
import io.hcs4j.uvm.UtilityVm;
import io.hcs4j.uvm.VmSystem;
import io.hcs4j.uvm.guest.GuestProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scratch disks on Windows, as hcsshim's {@code lcow.CreateScratch}: a dynamically expanding VHDX with 1 MB blocks
 * (virtdisk.dll), hot-added to a small Linux utility VM over SCSI (controller 0, LUN 0) as a block device at
 * {@code /run/mounts/scsi/m0} after granting the VM access to it, formatted there by {@code mkfs.ext4} with
 * hcsshim's options, then hot-removed; the VM is as create-scratch's: 512 MB, one SCSI controller, no vPMem unless
 * backed by virtual memory. Copies are plain file copies (a VHDX holds only what was written).
 */
public final class WindowsScratchDisks implements ScratchDisks {
    private static final int VHDX_BLOCK_SIZE = 1 << 20;
    private static final String GUEST_PATH = "/run/mounts/scsi/m0";
    private static final long MKFS_TIMEOUT_SECONDS = 300;

    private final VmSystem.Factory systems;
    private final ComputeCore computeCore;
    private final String owner;
    private final boolean useVirtualMemory;

    public WindowsScratchDisks(VmSystem.Factory systems, ComputeCore computeCore, String owner,
                               boolean useVirtualMemory) {
        this.systems = systems;
        this.computeCore = computeCore;
        this.owner = owner;
        this.useVirtualMemory = useVirtualMemory;
    }

    @Override
    public void create(Path dest, int sizeGb) throws IOException {
        if (Files.exists(dest)) {
            throw new FileAlreadyExistsException(dest.toString(), null, "the scratch disk to create already exists");
        }
        VirtDisk.createVhdx(dest.toString(), (long) sizeGb << 30, VHDX_BLOCK_SIZE);
        boolean done = false;
        try {
            format(dest);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(dest);
            }
        }
    }

    @Override
    public void copy(Path from, Path to, boolean replace) throws IOException {
        if (replace) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.copy(from, to);
        }
    }

    private void format(Path disk) throws IOException {
        LcowOptions options = new LcowOptions("createscratch-uvm");
        options.owner = owner;
        options.memorySizeInMb = 512;
        options.scsiControllerCount = 1;
        options.vpmemDeviceCount = useVirtualMemory ? 1 : 0;
        options.allowOvercommit = useVirtualMemory;
        // Keep the compute system: the disk is hot-added to it directly, as a block device (no mount).
        AtomicReference<VmSystem> system = new AtomicReference<>();
        try (UtilityVm vm = UtilityVm.createLcow((id, document) -> {
            VmSystem s = systems.create(id, document);
            system.set(s);
            return s;
        }, options)) {
            vm.start();
            int hr = computeCore.HcsGrantVmAccess(new WString(vm.id()),
                    new WString(disk.toString()));
            if (hr != 0) {
                throw new IOException(String.format("cannot grant %s access to %s: HRESULT 0x%08x", vm.id(), disk, hr));
            }
            String scsiPath = "VirtualMachine/Devices/Scsi/" + LcowDocument.SCSI_CONTROLLER_IDS.get(0) + "/Attachments/0";
            Attachment attachment = new Attachment();
            attachment.type = "VirtualDisk";
            attachment.path = disk.toString();
            system.get().modify(hostRequest(RequestType.ADD, scsiPath, attachment));
            LCOWMappedVirtualDisk device = new LCOWMappedVirtualDisk();
            device.mountPath = GUEST_PATH;
            device.controller = 0;
            device.lun = 0;
            device.blockDev = true;
            vm.guest().modify(guestRequest(RequestType.ADD, device));
            mkfs(vm, GUEST_PATH, disk);
            vm.guest().modify(guestRequest(RequestType.REMOVE, device));
            system.get().modify(hostRequest(RequestType.REMOVE, scsiPath, null));
        }
    }

    private static void mkfs(UtilityVm vm, String device, Path disk) throws IOException {
        List<String> args = new ArrayList<>(List.of("mkfs.ext4"));
        args.addAll(EmulatedScratchDisks.MKFS_OPTIONS);
        args.add(device);
        GuestProcessParameters parameters = new GuestProcessParameters();
        parameters.createStdErrPipe = true;
        parameters.ociProcess = new Process();
        parameters.ociProcess.args = args;
        parameters.ociProcess.cwd = "/";
        parameters.ociProcess.env = List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        try (GuestProcess p = vm.createProcess(parameters)) {
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(p.stderr()));
            int exit = p.exit().get(MKFS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (exit != 0) {
                throw new IOException("failed to `" + String.join(" ", args) + "` following hot-add " + disk
                        + " to utility VM: exit code " + exit + ": " + stderr.getNow("").trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("formatting " + disk + " was interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("mkfs.ext4 of " + disk + " in the utility VM did not finish: " + e, e);
        }
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static ModifySettingRequest hostRequest(RequestType type, String path, Object settings) {
        ModifySettingRequest r = new ModifySettingRequest();
        r.requestType = type;
        r.resourcePath = path;
        r.settings = settings;
        return r;
    }

    private static ModificationRequest guestRequest(RequestType type, LCOWMappedVirtualDisk disk) {
        ModificationRequest r = new ModificationRequest();
        r.requestType = type;
        r.resourceType = ResourceType.MAPPED_VIRTUAL_DISK;
        r.settings = disk;
        return r;
    }
}
