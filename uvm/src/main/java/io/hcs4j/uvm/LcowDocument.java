package io.hcs4j.uvm;

import io.hcs4j.schema.v2.Attachment;
import io.hcs4j.schema.v2.Chipset;
import io.hcs4j.schema.v2.ComPort;
import io.hcs4j.schema.v2.ComputeSystem;
import io.hcs4j.schema.v2.Devices;
import io.hcs4j.schema.v2.HvSocket2;
import io.hcs4j.schema.v2.HvSocketServiceConfig;
import io.hcs4j.schema.v2.HvSocketSystemConfig;
import io.hcs4j.schema.v2.LinuxKernelDirect;
import io.hcs4j.schema.v2.Plan9;
import io.hcs4j.schema.v2.Scsi;
import io.hcs4j.schema.v2.Topology;
import io.hcs4j.schema.v2.Uefi;
import io.hcs4j.schema.v2.UefiBootEntry;
import io.hcs4j.schema.v2.Version;
import io.hcs4j.schema.v2.VirtualMachine;
import io.hcs4j.schema.v2.VirtualMachineMemory;
import io.hcs4j.schema.v2.VirtualMachineProcessor;
import io.hcs4j.schema.v2.VirtualPMemController;
import io.hcs4j.schema.v2.VirtualPMemDevice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The schema2 ComputeSystem document of a Linux utility VM, built from {@link LcowOptions} as hcsshim does. */
public final class LcowDocument {
    /** The SCSI controllers' ids: v5 GUIDs of the indexes "0".."3" in hcsshim's namespace. */
    public static final List<String> SCSI_CONTROLLER_IDS = List.of(
            "df6d0690-79e5-55b6-a5ec-c1e2f77f580a", "0110f83b-de10-5172-a266-78bca56bf50a",
            "b5d2d8d4-3a75-51bf-945b-3444dc6b8579", "305891a9-b251-5dfe-91a2-c25d9212275b");
    /** Administrators and SYSTEM may bind vsock services (the GCS log socket). */
    static final String BIND_SECURITY_DESCRIPTOR = "D:P(A;;FA;;;SY)(A;;FA;;;BA)";
    static final int ENTROPY_VSOCK_PORT = 1;
    static final int LOG_VSOCK_PORT = 109;

    private LcowDocument() {
    }

    public static ComputeSystem build(LcowOptions o) {
        o.validate();
        String separator = o.bootFilesPath.contains("\\") ? "\\" : "/";
        String kernelPath = o.bootFilesPath + separator + o.kernelFile;
        String rootFsPath = o.bootFilesPath + separator + o.rootFsFile;

        ComputeSystem doc = new ComputeSystem();
        doc.owner = o.owner;
        doc.schemaVersion = version(2, 1);
        doc.shouldTerminateOnLastHandleClosed = true;
        VirtualMachine vm = new VirtualMachine();
        doc.virtualMachine = vm;
        vm.stopOnReset = true;
        vm.chipset = new Chipset();
        vm.computeTopology = new Topology();
        VirtualMachineMemory memory = new VirtualMachineMemory();
        memory.sizeInMb = o.memorySizeInMb;
        memory.allowOvercommit = o.allowOvercommit;
        memory.enableDeferredCommit = o.enableDeferredCommit;
        memory.enableColdDiscardHint = o.enableColdDiscardHint;
        vm.computeTopology.memory = memory;
        vm.computeTopology.processor = processor(o.processorCount, o.processorLimit, o.processorWeight);

        if (o.storageQosIopsMaximum > 0 || o.storageQosBandwidthMaximum > 0) {
            vm.storageQoS = new io.hcs4j.schema.v2.StorageQoS();
            vm.storageQoS.iopsMaximum = o.storageQosIopsMaximum;
            vm.storageQoS.bandwidthMaximum = o.storageQosBandwidthMaximum;
        }

        Devices devices = new Devices();
        vm.devices = devices;
        devices.hvSocket = hvSocket(o.additionalHvSocketServices);
        devices.plan9 = new Plan9();
        if (o.scsiControllerCount > 0) {
            devices.scsi = new LinkedHashMap<>();
            for (int i = 0; i < o.scsiControllerCount; i++) {
                Scsi scsi = new Scsi();
                scsi.attachments = new LinkedHashMap<>();
                devices.scsi.put(SCSI_CONTROLLER_IDS.get(i), scsi);
            }
        }
        if (o.vpmemDeviceCount > 0) {
            devices.virtualPMem = new VirtualPMemController();
            devices.virtualPMem.maximumCount = o.vpmemDeviceCount;
            devices.virtualPMem.maximumSizeBytes = o.vpmemSizeBytes;
        }

        StringBuilder kernelArgs = new StringBuilder();
        if (o.rootFsType == LcowOptions.RootFsType.INITRD) {
            if (!o.kernelDirect) {
                kernelArgs.append("initrd=/").append(o.rootFsFile);
            }
        } else if (o.vpmemDeviceCount > 0) {
            kernelArgs.append("root=/dev/pmem0 ro rootwait init=/init");
            VirtualPMemDevice rootfs = new VirtualPMemDevice();
            rootfs.hostPath = rootFsPath;
            rootfs.readOnly = true;
            rootfs.imageFormat = o.rootFsFile.toLowerCase(java.util.Locale.ROOT).endsWith(".vhdx") ? "Vhdx" : "Vhd1";
            devices.virtualPMem.devices = new LinkedHashMap<>(Map.of("0", rootfs));
        } else {
            kernelArgs.append("root=/dev/sda ro rootwait init=/init");
            if (devices.scsi == null) {
                throw new IllegalArgumentException("a VHD root filesystem needs vPMem or a SCSI controller");
            }
            Attachment rootfs = new Attachment();
            rootfs.type = "VirtualDisk";
            rootfs.path = rootFsPath;
            rootfs.readOnly = true;
            devices.scsi.get(SCSI_CONTROLLER_IDS.get(0)).attachments.put("0", rootfs);
        }
        // hv_sock, not virtio-vsock, carries the bridge.
        kernelArgs.append(" initcall_blacklist=virtio_vsock_init");
        boolean debugging = false;
        if (!o.consolePipe.isEmpty()) {
            debugging = true;
            kernelArgs.append(" 8250_core.nr_uarts=1 8250_core.skip_txen_test=1 console=ttyS0,115200");
            ComPort com1 = new ComPort();
            com1.namedPipe = o.consolePipe;
            devices.comPorts = new LinkedHashMap<>(Map.of("0", com1));
        } else {
            kernelArgs.append(" 8250_core.nr_uarts=0");
        }
        if (o.enableGraphicsConsole) {
            debugging = true;
            kernelArgs.append(" console=tty");
            devices.keyboard = new io.hcs4j.schema.v2.Keyboard();
            devices.enhancedModeVideo = new io.hcs4j.schema.v2.EnhancedModeVideo();
            devices.videoMonitor = new io.hcs4j.schema.v2.VideoMonitor();
        }
        if (!debugging) {
            kernelArgs.append(" panic=-1 quiet");
        }
        if (!o.kernelBootOptions.isEmpty()) {
            kernelArgs.append(' ').append(o.kernelBootOptions);
        }
        if (!o.vpciEnabled) {
            kernelArgs.append(" pci=off");
        }
        StringBuilder exec = new StringBuilder("/bin/vsockexec");
        if (o.forwardStdout) {
            exec.append(" -o ").append(LOG_VSOCK_PORT);
        }
        if (o.forwardStderr) {
            exec.append(" -e ").append(LOG_VSOCK_PORT);
        }
        exec.append(' ').append(o.execCommandLine);
        String init = "-e " + ENTROPY_VSOCK_PORT + (debugging ? " sh -c \"" + exec + " & exec sh\"" : " " + exec);
        kernelArgs.append(" nr_cpus=").append(o.processorCount).append(" brd.rd_nr=0 pmtmr=0 -- ").append(init);

        if (o.kernelDirect) {
            LinuxKernelDirect direct = new LinuxKernelDirect();
            direct.kernelFilePath = kernelPath;
            direct.kernelCmdLine = kernelArgs.toString();
            if (o.rootFsType == LcowOptions.RootFsType.INITRD) {
                direct.initRdPath = rootFsPath;
            }
            vm.chipset.linuxKernelDirect = direct;
        } else {
            UefiBootEntry boot = new UefiBootEntry();
            boot.devicePath = "\\" + o.kernelFile;
            boot.deviceType = "VmbFs";
            boot.vmbFsRootPath = o.bootFilesPath;
            boot.optionalData = kernelArgs.toString();
            vm.chipset.uefi = new Uefi();
            vm.chipset.uefi.bootThis = boot;
        }
        return doc;
    }

    /** The processor topology (a WCOW utility VM's too). */
    static VirtualMachineProcessor processor(int count, long limit, long weight) {
        VirtualMachineProcessor processor = new VirtualMachineProcessor();
        processor.count = count;
        processor.limit = limit;
        processor.weight = weight;
        return processor;
    }

    /** The hvsocket device: binds for Administrators and SYSTEM only, plus the services the options add. */
    static HvSocket2 hvSocket(Map<String, HvSocketServiceConfig> additionalServices) {
        HvSocket2 hvSocket = new HvSocket2();
        hvSocket.hvSocketConfig = new HvSocketSystemConfig();
        hvSocket.hvSocketConfig.defaultBindSecurityDescriptor = BIND_SECURITY_DESCRIPTOR;
        if (!additionalServices.isEmpty()) {
            hvSocket.hvSocketConfig.serviceTable = new LinkedHashMap<>(additionalServices);
        }
        return hvSocket;
    }

    private static Version version(int major, int minor) {
        Version v = new Version();
        v.major = major;
        v.minor = minor;
        return v;
    }
}
