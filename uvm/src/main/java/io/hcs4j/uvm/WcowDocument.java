package io.hcs4j.uvm;

import io.hcs4j.schema.v2.Attachment;
import io.hcs4j.schema.v2.Chipset;
import io.hcs4j.schema.v2.ComputeSystem;
import io.hcs4j.schema.v2.Devices;
import io.hcs4j.schema.v2.RegistryChanges;
import io.hcs4j.schema.v2.RegistryHive;
import io.hcs4j.schema.v2.RegistryKey;
import io.hcs4j.schema.v2.RegistryValue;
import io.hcs4j.schema.v2.RegistryValueType;
import io.hcs4j.schema.v2.Scsi;
import io.hcs4j.schema.v2.Topology;
import io.hcs4j.schema.v2.Uefi;
import io.hcs4j.schema.v2.UefiBootEntry;
import io.hcs4j.schema.v2.Version;
import io.hcs4j.schema.v2.VirtualMachine;
import io.hcs4j.schema.v2.VirtualMachineMemory;
import io.hcs4j.schema.v2.VirtualSmb;
import io.hcs4j.schema.v2.VirtualSmbShare;
import io.hcs4j.schema.v2.VirtualSmbShareOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** The schema2 ComputeSystem document of a Windows utility VM, built from {@link WcowOptions} as hcsshim does. */
public final class WcowDocument {

    private WcowDocument() {
    }

    public static ComputeSystem build(WcowOptions o) {
        if (o.osFilesPath == null || o.scratchVhdPath == null) {
            throw new IllegalArgumentException("a Windows utility VM needs its OS files and a scratch disk");
        }
        if (o.scsiControllerCount < 1 || o.scsiControllerCount > LcowOptions.MAX_SCSI_CONTROLLERS) {
            throw new IllegalArgumentException("SCSI controller count must be 1.." + LcowOptions.MAX_SCSI_CONTROLLERS);
        }
        ComputeSystem doc = new ComputeSystem();
        doc.owner = o.owner;
        doc.schemaVersion = new Version();
        doc.schemaVersion.major = 2;
        doc.schemaVersion.minor = 1;
        doc.shouldTerminateOnLastHandleClosed = true;
        VirtualMachine vm = new VirtualMachine();
        doc.virtualMachine = vm;
        vm.stopOnReset = true;
        vm.chipset = new Chipset();
        vm.chipset.uefi = new Uefi();
        vm.chipset.uefi.bootThis = new UefiBootEntry();
        vm.chipset.uefi.bootThis.devicePath = o.osRelativeBootDirPath + "\\bootmgfw.efi";
        vm.chipset.uefi.bootThis.deviceType = "VmbFs";

        if (!o.disableCompartmentNamespace) {
            RegistryKey gns = new RegistryKey();
            gns.hive = RegistryHive.SYSTEM;
            gns.name = "CurrentControlSet\\Services\\gns";
            RegistryValue enable = new RegistryValue();
            enable.key = gns;
            enable.name = "EnableCompartmentNamespace";
            enable.dWordValue = 1;
            enable.type = RegistryValueType.D_WORD;
            vm.registryChanges = new RegistryChanges();
            vm.registryChanges.addValues = new ArrayList<>(List.of(enable));
        }

        vm.computeTopology = new Topology();
        VirtualMachineMemory memory = new VirtualMachineMemory();
        memory.sizeInMb = o.memorySizeInMb;
        memory.allowOvercommit = o.allowOvercommit;
        // Hot hints are not compatible with physically backed memory.
        memory.enableHotHint = o.allowOvercommit;
        memory.enableDeferredCommit = o.enableDeferredCommit;
        vm.computeTopology.memory = memory;
        vm.computeTopology.processor = LcowDocument.processor(o.processorCount, o.processorLimit, o.processorWeight);

        Devices devices = new Devices();
        vm.devices = devices;
        devices.hvSocket = LcowDocument.hvSocket(o.additionalHvSocketServices);
        VirtualSmbShare os = new VirtualSmbShare();
        os.name = "os";
        os.path = o.osFilesPath;
        os.options = new VirtualSmbShareOptions();
        os.options.readOnly = true;
        os.options.shareRead = true;
        os.options.cacheIo = true;
        os.options.pseudoOplocks = true;
        os.options.takeBackupPrivilege = true;
        devices.virtualSmb = new VirtualSmb();
        devices.virtualSmb.directFileMappingInMb = 1024;
        devices.virtualSmb.shares = new ArrayList<>(List.of(os));

        devices.scsi = new LinkedHashMap<>();
        for (int i = 0; i < o.scsiControllerCount; i++) {
            Scsi scsi = new Scsi();
            scsi.attachments = new LinkedHashMap<>();
            devices.scsi.put(LcowDocument.SCSI_CONTROLLER_IDS.get(i), scsi);
        }
        Attachment scratch = new Attachment();
        scratch.type = "VirtualDisk";
        scratch.path = o.scratchVhdPath;
        devices.scsi.get(LcowDocument.SCSI_CONTROLLER_IDS.get(0)).attachments.put("0", scratch);
        return doc;
    }
}
