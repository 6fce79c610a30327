package io.hcs4j.uvm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.cow.ProcessHost;
import io.hcs4j.schema.guest.LCOWCombinedLayers;
import io.hcs4j.schema.guest.LCOWMappedDirectory;
import io.hcs4j.schema.guest.LCOWMappedVPMemDevice;
import io.hcs4j.schema.guest.LCOWMappedVirtualDisk;
import io.hcs4j.schema.guest.LCOWNetworkAdapter;
import io.hcs4j.schema.guest.ModificationRequest;
import io.hcs4j.schema.guest.RequestType;
import io.hcs4j.schema.guest.ResourceType;
import io.hcs4j.schema.guest.SCSIDevice;
import io.hcs4j.schema.guest.WCOWCombinedLayers;
import io.hcs4j.schema.guest.WCOWMappedVirtualDisk;
import io.hcs4j.schema.v2.HostedSystem;
import io.hcs4j.schema.v2.Attachment;
import io.hcs4j.schema.v2.Layer;
import io.hcs4j.schema.v2.ModifySettingRequest;
import io.hcs4j.schema.v2.NetworkAdapter;
import io.hcs4j.schema.v2.Plan9Share;
import io.hcs4j.schema.v2.ProcessParameters;
import io.hcs4j.schema.v2.VirtualPMemDevice;
import io.hcs4j.schema.v2.VirtualSmbShare;
import io.hcs4j.schema.v2.VirtualSmbShareOptions;
import io.hcs4j.uvm.guest.GuestConnection;
import io.hcs4j.uvm.guest.GuestContainer;
import io.hcs4j.uvm.guest.GuestProcess;
import io.hcs4j.uvm.network.Endpoint;
import io.hcs4j.uvm.network.EndpointLookup;
import io.hcs4j.uvm.transport.HvSocketListener;
import io.hcs4j.uvm.transport.HvSocketTransport;
import io.hcs4j.uvm.transport.VsockPorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A utility VM: an HCS compute system built from {@link LcowOptions} (Linux) or {@link WcowOptions} (Windows),
 * the GCS bridge to its guest, and the devices and shares hot-added for its containers (reference counted,
 * removed on the last close).
 */
public final class UtilityVm implements ProcessHost, AutoCloseable {
    /** hcsshim's wait for the guest to connect after start. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofMinutes(2);
    private static final Logger LOG = LoggerFactory.getLogger(UtilityVm.class);
    private static final int LUNS_PER_CONTROLLER = 64;
    private static final int PLAN9_PORT = 564;
    private static final ResourceType VPMEM_DEVICE = new ResourceType("VPMemDevice");
    private static final String VSMB_SHARES = "VirtualMachine/Devices/VirtualSmb/Shares";
    /** Where a Windows guest sees VSMB share {@code <name>}. */
    public static final String VSMB_SHARE_PREFIX = "\\\\?\\VMSMB\\VSMB-{dcc079ae-60ba-4d07-847c-3493609c0870}\\";

    private final String id;
    private final VmSystem system;
    private final String os;
    private final UUID gcsService;
    private final int scsiControllerCount;
    private final int vpmemDeviceCount;
    private final long vpmemMaxSizeBytes;
    private final boolean devicesPhysicallyBacked;
    private final String guestPathPrefix;
    private final ResourceTable resources = new ResourceTable();
    private final BitSet scsiSlots = new BitSet();
    private final BitSet vpmemSlots = new BitSet();
    /** The n of the guest's {@code /run/mounts/scsi/m<n>} mounts of read-only SCSI layers. */
    private final BitSet scsiMountIndexes = new BitSet();
    private HvSocketTransport transport;
    private volatile GuestConnection connection;
    private int plan9Shares;
    private int vsmbShares;
    private int wcowScsiMounts;

    private UtilityVm(VmSystem system, String os, UUID gcsService, int scsiControllerCount, int vpmemDeviceCount,
                      long vpmemMaxSizeBytes, boolean devicesPhysicallyBacked, String guestPathPrefix) {
        this.id = system.id();
        this.system = system;
        this.os = os;
        this.gcsService = gcsService;
        this.scsiControllerCount = scsiControllerCount;
        this.vpmemDeviceCount = vpmemDeviceCount;
        this.vpmemMaxSizeBytes = vpmemMaxSizeBytes;
        this.devicesPhysicallyBacked = devicesPhysicallyBacked;
        this.guestPathPrefix = guestPathPrefix;
    }

    /** The id hcsshim gives the utility VM of a task (pod). */
    public static String idFor(String taskId) {
        return taskId + "@vm";
    }

    /** Creates (does not start) the compute system of a Linux utility VM. */
    public static UtilityVm createLcow(VmSystem.Factory systems, LcowOptions options) throws IOException {
        UtilityVm vm = new UtilityVm(systems.create(options.id, LcowDocument.build(options)), "linux",
                VsockPorts.serviceId(VsockPorts.GCS_PORT), options.scsiControllerCount, options.vpmemDeviceCount,
                options.vpmemSizeBytes, options.fullyPhysicallyBacked, options.guestPathPrefix);
        if (options.rootFsType == LcowOptions.RootFsType.VHD) {
            // The rootfs took the first vPMem device, or SCSI 0:0.
            (options.vpmemDeviceCount > 0 ? vm.vpmemSlots : vm.scsiSlots).set(0);
        }
        return vm;
    }

    /** Creates (does not start) the compute system of a Windows utility VM; its scratch disk is SCSI 0:0. */
    public static UtilityVm createWcow(VmSystem.Factory systems, WcowOptions options) throws IOException {
        UtilityVm vm = new UtilityVm(systems.create(options.id, WcowDocument.build(options)), "windows",
                VsockPorts.WINDOWS_GCS_SERVICE, options.scsiControllerCount, 0, 0, false, "");
        vm.scsiSlots.set(0);
        return vm;
    }

    public String id() {
        return id;
    }

    /**
     * Starts the VM and waits for its guest to connect and negotiate. On failure (including a guest that does
     * not connect within the timeout) the VM is terminated and the error says why.
     */
    public void start(Duration connectTimeout, Duration rpcTimeout) throws IOException {
        transport = system.transport();
        try (HvSocketListener gcs = transport.listen(gcsService)) {
            system.start();
            connection = GuestConnection.accept(id, gcs, transport, connectTimeout, rpcTimeout);
        } catch (IOException e) {
            terminateQuietly();
            throw new IOException("utility VM " + id + " failed to start: " + e.getMessage(), e);
        }
        // The VM stopping ends the bridge (and so every container and process in it).
        GuestConnection c = connection;
        system.exit().whenComplete((v, e) -> c.close());
    }

    public void start() throws IOException {
        start(DEFAULT_CONNECT_TIMEOUT, GuestConnection.DEFAULT_RPC_TIMEOUT);
    }

    /**
     * Pauses the whole VM: the guest and every container in it (the GCS has no per-container pause). The bridge
     * stays connected but unanswered until {@link #resume}.
     */
    public void pause() throws IOException {
        system.pause();
    }

    public void resume() throws IOException {
        system.resume();
    }

    /** The VM's HCS properties of the given types (hcsshim's UtilityVM.Stats asks for Statistics and Memory). */
    public io.hcs4j.schema.v2.Properties properties(io.hcs4j.schema.v2.PropertyType... types) throws IOException {
        return system.properties(types);
    }

    /** Completes when the VM's compute system has stopped (shut down, terminated or crashed). */
    public java.util.concurrent.CompletableFuture<?> exit() {
        return system.exit();
    }

    /** The negotiated guest connection; {@link IllegalStateException} before {@link #start}. */
    public GuestConnection guest() {
        GuestConnection c = connection;
        if (c == null) {
            throw new IllegalStateException("utility VM " + id + " is not started");
        }
        return c;
    }

    @Override
    public String os() {
        return os;
    }

    @Override
    public boolean isOci() {
        return false;
    }

    /** A process in the VM itself (not in a container). */
    @Override
    public GuestProcess createProcess(ProcessParameters parameters) throws IOException {
        return guest().createVmProcess(parameters);
    }

    /** Creates a container in the guest; its rootfs must already be combined ({@link #addCombinedLayers}). */
    public GuestContainer createContainer(String containerId, ObjectNode ociSpec, String bundlePath,
                                          String scratchDirPath) throws IOException {
        return guest().createContainer(containerId, ociSpec, bundlePath, scratchDirPath);
    }

    // ---- hot-added resources

    private void guestModify(RequestType op, ResourceType type, Object settings) throws IOException {
        ModificationRequest request = new ModificationRequest();
        request.requestType = op;
        request.resourceType = type;
        request.settings = settings;
        guest().modify(request);
    }

    private void hostModify(RequestType op, String resourcePath, Object settings) throws IOException {
        ModifySettingRequest request = new ModifySettingRequest();
        request.requestType = op;
        request.resourcePath = resourcePath;
        request.settings = settings;
        system.modify(request);
    }

    /** Combines read-only layers and a scratch directory into a container's rootfs in the guest. */
    public Resource addCombinedLayers(String containerId, String rootPath, List<String> layerPaths, String scratchPath)
            throws IOException {
        return resources.acquire("layers:" + rootPath, rootPath, () -> {
            LCOWCombinedLayers add = new LCOWCombinedLayers();
            add.containerId = containerId;
            add.containerRootPath = rootPath;
            add.layers = new ArrayList<>();
            for (String path : layerPaths) {
                Layer layer = new Layer();
                layer.path = path;
                add.layers.add(layer);
            }
            add.scratchPath = scratchPath;
            guestModify(RequestType.ADD, ResourceType.COMBINED_LAYERS, add);
            return () -> {
                LCOWCombinedLayers remove = new LCOWCombinedLayers();
                remove.containerRootPath = rootPath;
                guestModify(RequestType.REMOVE, ResourceType.COMBINED_LAYERS, remove);
            };
        });
    }

    /**
     * Attaches a virtual disk to a free SCSI slot and mounts it in the guest at {@code guestPath}. A Windows guest
     * mounts it at {@code c:\mounts\scsi\m<n>} when {@code guestPath} is null (hcsshim's global SCSI mounts).
     */
    public Resource addScsiDisk(String hostPath, String guestPath, boolean readOnly) throws IOException {
        if (os.equals("windows")) {
            return addWcowScsiDisk(hostPath, guestPath, readOnly);
        }
        LCOWMappedVirtualDisk disk = new LCOWMappedVirtualDisk();
        disk.mountPath = guestPath;
        disk.readOnly = readOnly;
        return resources.acquire("scsi:" + hostPath, guestPath, () -> attachScsi(hostPath, disk));
    }

    /** A Windows guest's SCSI disk: controller 0 only, mounted through a WCOW MappedVirtualDisk. */
    private Resource addWcowScsiDisk(String hostPath, String guestPath, boolean readOnly) throws IOException {
        String mountPath;
        if (guestPath != null) {
            mountPath = guestPath;
        } else {
            synchronized (this) {
                mountPath = "c:\\mounts\\scsi\\m" + wcowScsiMounts++;
            }
        }
        return resources.acquire("scsi:" + hostPath, mountPath, () -> {
            int lun = allocate(scsiSlots, LUNS_PER_CONTROLLER, "SCSI");
            String path = "VirtualMachine/Devices/Scsi/" + LcowDocument.SCSI_CONTROLLER_IDS.get(0) + "/Attachments/" + lun;
            WCOWMappedVirtualDisk disk = new WCOWMappedVirtualDisk();
            disk.containerPath = mountPath;
            disk.lun = lun;
            plug(path, virtualDisk(hostPath, readOnly), ResourceType.MAPPED_VIRTUAL_DISK, disk, scsiSlots, lun);
            return unplug(path, ResourceType.MAPPED_VIRTUAL_DISK, disk, scsiSlots, lun);
        });
    }

    /**
     * Attaches a container's scratch disk over SCSI and mounts it writable at {@code guestPath}, asking the
     * guest to format it ext4 if it holds no file system yet (hcsshim's scratch mount). Containers that share a
     * scratch share its first mount.
     */
    public Resource addScratchDisk(String hostPath, String guestPath) throws IOException {
        LCOWMappedVirtualDisk disk = new LCOWMappedVirtualDisk();
        disk.mountPath = guestPath;
        disk.ensureFilesystem = true;
        disk.filesystem = "ext4";
        return resources.acquire("scsi:" + hostPath, guestPath, () -> {
            system.grantAccess(hostPath); // the scratch is the container's own copy: the VM has no access yet
            return attachScsi(hostPath, disk);
        });
    }

    /** Maps a read-only VHD as a vPMem device, mounted in the guest at {@code guestPath}. */
    public Resource addVpmem(String hostPath, String guestPath) throws IOException {
        return resources.acquire("vpmem:" + hostPath, guestPath, () -> {
            int slot = allocate(vpmemSlots, vpmemDeviceCount, "vPMem");
            return attachVpmem(hostPath, slot, guestPath);
        });
    }

    /**
     * Attaches a read-only layer VHD the way hcsshim does and mounts it in the guest where the slot says: a vPMem
     * device at {@code /run/layers/p<n>} when the VM's devices need not be physically backed, the file fits the
     * vPMem size and a device is free; otherwise a read-only SCSI disk at {@code /run/mounts/scsi/m<n>}. The
     * containers of a VM share one attachment per layer file.
     */
    public Resource addLayer(String hostPath) throws IOException {
        return resources.acquire("layer:" + hostPath, () -> {
            long size = Files.size(Path.of(hostPath));
            if (!devicesPhysicallyBacked && size <= vpmemMaxSizeBytes) {
                int slot = tryAllocate(vpmemSlots, vpmemDeviceCount);
                if (slot >= 0) {
                    String guestPath = guestPathPrefix + "/run/layers/p" + slot;
                    return new ResourceTable.Placed(guestPath, attachVpmem(hostPath, slot, guestPath));
                }
            }
            int index = allocate(scsiMountIndexes, Integer.MAX_VALUE, "SCSI mount");
            String guestPath = guestPathPrefix + "/run/mounts/scsi/m" + index;
            LCOWMappedVirtualDisk disk = new LCOWMappedVirtualDisk();
            disk.mountPath = guestPath;
            disk.readOnly = true;
            disk.options = List.of("ro");
            try {
                ResourceTable.Remover detach = attachScsi(hostPath, disk);
                return new ResourceTable.Placed(guestPath, () -> {
                    try {
                        detach.remove();
                    } finally {
                        free(scsiMountIndexes, index);
                    }
                });
            } catch (IOException | RuntimeException e) {
                free(scsiMountIndexes, index);
                throw e;
            }
        });
    }

    /**
     * Plugs a disk into a free SCSI slot (HCS), then has the guest mount it as {@code disk} says (its controller and
     * LUN filled in here); undone in reverse, as hcsshim does: the guest unmounts it, a Linux guest unplugs the
     * device (SCSIDevice Remove), then HCS detaches it.
     */
    private ResourceTable.Remover attachScsi(String hostPath, LCOWMappedVirtualDisk disk) throws IOException {
        int slot = allocate(scsiSlots, scsiControllerCount * LUNS_PER_CONTROLLER, "SCSI");
        int controller = slot / LUNS_PER_CONTROLLER;
        int lun = slot % LUNS_PER_CONTROLLER;
        String path = "VirtualMachine/Devices/Scsi/" + LcowDocument.SCSI_CONTROLLER_IDS.get(controller)
                + "/Attachments/" + lun;
        disk.controller = controller;
        disk.lun = lun;
        plug(path, virtualDisk(hostPath, disk.readOnly), ResourceType.MAPPED_VIRTUAL_DISK, disk, scsiSlots, slot);
        LCOWMappedVirtualDisk unmount = new LCOWMappedVirtualDisk();
        unmount.mountPath = disk.mountPath;
        unmount.readOnly = disk.readOnly;
        unmount.controller = controller;
        unmount.lun = lun;
        SCSIDevice unplug = new SCSIDevice();
        unplug.controller = controller;
        unplug.lun = lun;
        return () -> {
            try {
                guestModify(RequestType.REMOVE, ResourceType.MAPPED_VIRTUAL_DISK, unmount);
                if (os.equals("linux")) {
                    guestModify(RequestType.REMOVE, ResourceType.SCSI_DEVICE, unplug);
                }
                hostModify(RequestType.REMOVE, path, null);
            } finally {
                free(scsiSlots, slot);
            }
        };
    }

    /** Plugs a read-only VHD into vPMem device {@code slot} (taken by the caller) and has the guest mount it. */
    private ResourceTable.Remover attachVpmem(String hostPath, int slot, String guestPath) throws IOException {
        String path = "VirtualMachine/Devices/VirtualPMem/Devices/" + slot;
        VirtualPMemDevice device = new VirtualPMemDevice();
        device.hostPath = hostPath;
        device.readOnly = true;
        device.imageFormat = hostPath.toLowerCase(Locale.ROOT).endsWith(".vhdx") ? "Vhdx" : "Vhd1";
        LCOWMappedVPMemDevice mapped = new LCOWMappedVPMemDevice();
        mapped.deviceNumber = slot;
        mapped.mountPath = guestPath;
        plug(path, device, VPMEM_DEVICE, mapped, vpmemSlots, slot);
        return unplug(path, VPMEM_DEVICE, mapped, vpmemSlots, slot);
    }

    /**
     * Plugs {@code device} into the VM at {@code path} (HCS), then has the guest add {@code mount} of {@code type};
     * when either fails, unplugs what was plugged and frees {@code slot} of {@code slots}, which the caller took.
     */
    private void plug(String path, Object device, ResourceType type, Object mount, BitSet slots, int slot)
            throws IOException {
        try {
            hostModify(RequestType.ADD, path, device);
            try {
                guestModify(RequestType.ADD, type, mount);
            } catch (IOException e) {
                hostModify(RequestType.REMOVE, path, null);
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            free(slots, slot);
            throw e;
        }
    }

    /** Undoes {@link #plug} in reverse: the guest removes the mount, HCS the device; the slot is freed either way. */
    private ResourceTable.Remover unplug(String path, ResourceType type, Object mount, BitSet slots, int slot) {
        return () -> {
            try {
                guestModify(RequestType.REMOVE, type, mount);
                hostModify(RequestType.REMOVE, path, null);
            } finally {
                free(slots, slot);
            }
        };
    }

    /** A virtual disk attachment of {@code hostPath} for a SCSI slot. */
    private static Attachment virtualDisk(String hostPath, boolean readOnly) {
        Attachment attachment = new Attachment();
        attachment.type = "VirtualDisk";
        attachment.path = hostPath;
        attachment.readOnly = readOnly;
        return attachment;
    }

    /** Shares a host directory with the guest over Plan9, mounted at {@code guestPath}. */
    public Resource addPlan9(String hostPath, String guestPath, boolean readOnly) throws IOException {
        return resources.acquire("plan9:" + hostPath + ":" + guestPath, guestPath, () -> {
            String name;
            synchronized (this) {
                name = Integer.toString(plan9Shares++);
            }
            Plan9Share share = new Plan9Share();
            share.name = name;
            share.accessName = name;
            share.path = hostPath;
            share.port = PLAN9_PORT;
            share.flags = readOnly ? 0x00000001 : 0;
            LCOWMappedDirectory mapped = new LCOWMappedDirectory();
            mapped.mountPath = guestPath;
            mapped.port = PLAN9_PORT;
            mapped.shareName = name;
            mapped.readOnly = readOnly;
            hostModify(RequestType.ADD, "VirtualMachine/Devices/Plan9/Shares", share);
            try {
                guestModify(RequestType.ADD, ResourceType.MAPPED_DIRECTORY, mapped);
            } catch (IOException e) {
                hostModify(RequestType.REMOVE, "VirtualMachine/Devices/Plan9/Shares", share);
                throw e;
            }
            return () -> {
                guestModify(RequestType.REMOVE, ResourceType.MAPPED_DIRECTORY, mapped);
                hostModify(RequestType.REMOVE, "VirtualMachine/Devices/Plan9/Shares", share);
            };
        });
    }

    /**
     * Shares a host directory with a Windows guest over virtual SMB, as hcsshim's AddVSMB: one share per host path
     * and access mode (reference counted), named {@code s1}, {@code s2}... (hex), seen in the guest at
     * {@code \\?\VMSMB\VSMB-{dcc079ae-...}\<name>}; the guest needs no request. Read-only shares get hcsshim's
     * default read-only options (share read, cached I/O, pseudo oplocks); every share takes the backup privilege,
     * as a layer share must.
     */
    public Resource addVsmb(String hostPath, boolean readOnly) throws IOException {
        return resources.acquire("vsmb:" + hostPath + ":" + readOnly, () -> {
            String name;
            synchronized (this) {
                name = "s" + Integer.toHexString(++vsmbShares);
            }
            VirtualSmbShare share = new VirtualSmbShare();
            share.name = name;
            share.path = hostPath;
            share.options = vsmbOptions(readOnly);
            hostModify(RequestType.ADD, VSMB_SHARES, share);
            VirtualSmbShare removal = new VirtualSmbShare();
            removal.name = name;
            return new ResourceTable.Placed(VSMB_SHARE_PREFIX + name,
                    () -> hostModify(RequestType.REMOVE, VSMB_SHARES, removal));
        });
    }

    /** hcsshim's DefaultVSMBOptions(readOnly) with TakeBackupPrivilege, as it shares layers. */
    static VirtualSmbShareOptions vsmbOptions(boolean readOnly) {
        VirtualSmbShareOptions options = new VirtualSmbShareOptions();
        options.readOnly = readOnly;
        options.shareRead = readOnly;
        options.cacheIo = readOnly;
        options.pseudoOplocks = readOnly;
        options.takeBackupPrivilege = true;
        return options;
    }

    /**
     * Combines read-only layers (guest paths, usually VSMB shares) into a Windows container's root at
     * {@code rootPath} in the guest (hcsshim's CombineLayersWCOW; the WCIFS filter is the guest's default, so no
     * FilterType is sent). The last close removes the combination.
     */
    public Resource addCombinedLayersWcow(String rootPath, List<Layer> layers) throws IOException {
        return resources.acquire("layers:" + rootPath, rootPath, () -> {
            WCOWCombinedLayers add = new WCOWCombinedLayers();
            add.containerRootPath = rootPath;
            add.layers = List.copyOf(layers);
            guestModify(RequestType.ADD, ResourceType.COMBINED_LAYERS, add);
            return () -> {
                WCOWCombinedLayers remove = new WCOWCombinedLayers();
                remove.containerRootPath = rootPath;
                guestModify(RequestType.REMOVE, ResourceType.COMBINED_LAYERS, remove);
            };
        });
    }

    /**
     * Creates a Windows container in the guest from its schema2 HostedSystem document (layers and root as guest
     * paths, already combined with {@link #addCombinedLayersWcow}).
     */
    public GuestContainer createHostedContainer(String containerId, HostedSystem document) throws IOException {
        return guest().createHostedContainer(containerId, document);
    }

    /**
     * Creates a network namespace in the guest from its HNS v2 HostComputeNamespace document (its "ID" is the
     * namespace id); adapters of endpoints in that namespace go into it.
     */
    public Resource addNetworkNamespace(ObjectNode hostComputeNamespace) throws IOException {
        String namespaceId = hostComputeNamespace.path("ID").asText("");
        if (namespaceId.isEmpty()) {
            throw new IllegalArgumentException("the namespace document has no ID");
        }
        return resources.acquire("netns:" + namespaceId, null, () -> {
            guestModify(RequestType.ADD, ResourceType.NETWORK_NAMESPACE, hostComputeNamespace);
            return () -> guestModify(RequestType.REMOVE, ResourceType.NETWORK_NAMESPACE, hostComputeNamespace);
        });
    }

    /**
     * Adds a network adapter for an HNS endpoint: the VM gets the NIC, the guest configures it in the
     * endpoint's namespace.
     */
    public Resource addNetworkAdapter(EndpointLookup endpoints, String endpointId) throws IOException {
        Endpoint endpoint = endpoints.lookup(endpointId);
        return resources.acquire("nic:" + endpoint.id(), null, () -> {
            String path = "VirtualMachine/Devices/NetworkAdapters/" + endpoint.id();
            NetworkAdapter nic = new NetworkAdapter();
            nic.endpointId = endpoint.id();
            nic.macAddress = endpoint.macAddress();
            LCOWNetworkAdapter guestNic = endpoint.guestAdapter();
            hostModify(RequestType.ADD, path, nic);
            try {
                guestModify(RequestType.ADD, ResourceType.NETWORK, guestNic);
            } catch (IOException e) {
                hostModify(RequestType.REMOVE, path, null);
                throw e;
            }
            return () -> {
                guestModify(RequestType.REMOVE, ResourceType.NETWORK, guestNic);
                hostModify(RequestType.REMOVE, path, null);
            };
        });
    }

    private static int allocate(BitSet slots, int capacity, String kind) throws IOException {
        int slot = tryAllocate(slots, capacity);
        if (slot < 0) {
            throw new IOException("no free " + kind + " slot (" + capacity + " in use)");
        }
        return slot;
    }

    /** The lowest free slot, now taken; -1 when all {@code capacity} are in use. */
    private static int tryAllocate(BitSet slots, int capacity) {
        synchronized (slots) {
            int slot = slots.nextClearBit(0);
            if (slot >= capacity) {
                return -1;
            }
            slots.set(slot);
            return slot;
        }
    }

    private static void free(BitSet slots, int slot) {
        synchronized (slots) {
            slots.clear(slot);
        }
    }

    private void terminateQuietly() {
        try {
            system.terminate();
        } catch (IOException e) {
            LOG.debug("terminating {}: {}", id, e.getMessage());
        }
    }

    /** Closes the bridge, terminates the VM and releases its handle. */
    @Override
    public void close() {
        GuestConnection c = connection;
        if (c != null) {
            c.close();
        }
        terminateQuietly();
        system.close();
        if (transport instanceof io.hcs4j.uvm.transport.UnixSocketTransport unix) {
            try {
                unix.removeVmDir();
            } catch (IOException e) {
                LOG.debug("socket directory of {} not removed: {}", id, e.toString());
            }
        }
    }
}
