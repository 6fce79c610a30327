package io.hcs4j.shim.runtime.lcow;

import static io.hcs4j.uvm.VmAnnotations.ALLOW_OVERCOMMIT;
import static io.hcs4j.uvm.VmAnnotations.BOOT_FILES_ROOT_PATH;
import static io.hcs4j.uvm.VmAnnotations.ENABLE_COLD_DISCARD_HINT;
import static io.hcs4j.uvm.VmAnnotations.ENABLE_DEFERRED_COMMIT;
import static io.hcs4j.uvm.VmAnnotations.FULLY_PHYSICALLY_BACKED;
import static io.hcs4j.uvm.VmAnnotations.KERNEL_BOOT_OPTIONS;
import static io.hcs4j.uvm.VmAnnotations.KERNEL_DIRECT_BOOT;
import static io.hcs4j.uvm.VmAnnotations.MEMORY_SIZE_IN_MB;
import static io.hcs4j.uvm.VmAnnotations.PREFERRED_ROOTFS_TYPE;
import static io.hcs4j.uvm.VmAnnotations.PROCESSOR_COUNT;
import static io.hcs4j.uvm.VmAnnotations.PROCESSOR_LIMIT;
import static io.hcs4j.uvm.VmAnnotations.PROCESSOR_WEIGHT;
import static io.hcs4j.uvm.VmAnnotations.STORAGE_QOS_BANDWIDTH;
import static io.hcs4j.uvm.VmAnnotations.STORAGE_QOS_IOPS;
import static io.hcs4j.uvm.VmAnnotations.VPCI_ENABLED;
import static io.hcs4j.uvm.VmAnnotations.VPMEM_COUNT;
import static io.hcs4j.uvm.VmAnnotations.VPMEM_SIZE;

import io.hcs4j.shim.runtime.SpecException;
import io.hcs4j.uvm.LcowOptions;
import io.hcs4j.uvm.VmAnnotations;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The utility VM's shape from the {@code io.microsoft.virtualmachine.*} annotations hcsshim honours for LCOW, read
 * through {@link VmAnnotations}; the runtime options containerd passes have already filled those the spec does not
 * carry (the task layer's {@code RuntimeOptions.annotations}, as hcsshim's {@code UpdateSpecFromOptions}). A value
 * that is not what its name needs is InvalidArgument naming it (hcsshim logs and ignores it; a request that asked
 * for a VM shape should not silently get another).
 */
final class LcowVmOptions {
    private final Map<String, String> annotations;

    private LcowVmOptions(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    /** The VM {@code vmId}'s options from the task's annotations. */
    static LcowOptions of(String vmId, Map<String, String> annotations) throws SpecException {
        try {
            return new LcowVmOptions(annotations).build(vmId);
        } catch (IllegalArgumentException e) {
            throw SpecException.invalid(e.getMessage());
        }
    }

    /** In hcsshim's order: common settings, boot files, then what may override their choice of files. */
    private LcowOptions build(String vmId) throws SpecException {
        LcowOptions o = new LcowOptions(vmId);
        o.memorySizeInMb = positiveLong(MEMORY_SIZE_IN_MB, o.memorySizeInMb);
        o.allowOvercommit = bool(ALLOW_OVERCOMMIT, o.allowOvercommit);
        o.enableDeferredCommit = bool(ENABLE_DEFERRED_COMMIT, o.enableDeferredCommit);
        o.enableColdDiscardHint = bool(ENABLE_COLD_DISCARD_HINT, o.enableColdDiscardHint);
        o.processorCount = (int) range(PROCESSOR_COUNT, o.processorCount, 1, 1024);
        o.processorLimit = range(PROCESSOR_LIMIT, o.processorLimit, 0, 100_000);
        o.processorWeight = range(PROCESSOR_WEIGHT, o.processorWeight, 0, 10_000);
        o.storageQosIopsMaximum = (int) range(STORAGE_QOS_IOPS, o.storageQosIopsMaximum, 0, Integer.MAX_VALUE);
        o.storageQosBandwidthMaximum = (int) range(STORAGE_QOS_BANDWIDTH, o.storageQosBandwidthMaximum, 0,
                Integer.MAX_VALUE);
        o.vpmemDeviceCount = (int) range(VPMEM_COUNT, o.vpmemDeviceCount, 0, LcowOptions.MAX_VPMEM_COUNT);
        o.vpmemSizeBytes = positiveLong(VPMEM_SIZE, o.vpmemSizeBytes);
        o.vpciEnabled = bool(VPCI_ENABLED, o.vpciEnabled);
        o.kernelBootOptions = annotations.getOrDefault(KERNEL_BOOT_OPTIONS, o.kernelBootOptions);
        String bootFiles = annotations.get(BOOT_FILES_ROOT_PATH);
        if (bootFiles != null) {
            if (bootFiles.isEmpty()) {
                throw SpecException.invalid(BOOT_FILES_ROOT_PATH + ": empty path");
            }
            o.bootFilesPath(Path.of(bootFiles));
        }
        String rootFsType = annotations.get(PREFERRED_ROOTFS_TYPE);
        if (rootFsType != null) {
            switch (rootFsType.toLowerCase(Locale.ROOT)) {
                case "initrd" -> {
                    o.rootFsType = LcowOptions.RootFsType.INITRD;
                    o.rootFsFile = LcowOptions.INITRD_FILE;
                }
                case "vhd" -> {
                    o.rootFsType = LcowOptions.RootFsType.VHD;
                    o.rootFsFile = LcowOptions.VHD_FILE;
                }
                default -> throw SpecException.invalid(PREFERRED_ROOTFS_TYPE + ": '" + rootFsType
                        + "' is neither initrd nor vhd");
            }
        }
        o.kernelDirect = bool(KERNEL_DIRECT_BOOT, o.kernelDirect);
        if (!o.kernelDirect) {
            o.kernelFile = LcowOptions.KERNEL_FILE;
        }
        o.fullyPhysicallyBacked = bool(FULLY_PHYSICALLY_BACKED, o.fullyPhysicallyBacked);
        if (o.fullyPhysicallyBacked) {
            o.allowOvercommit = false;
            o.vpmemDeviceCount = 0;
        }
        if (o.rootFsType == LcowOptions.RootFsType.VHD && o.vpmemDeviceCount == 0 && o.scsiControllerCount == 0) {
            throw SpecException.invalid(PREFERRED_ROOTFS_TYPE + ": a VHD root filesystem needs vPMem or SCSI");
        }
        return o;
    }

    private boolean bool(String name, boolean fallback) {
        return VmAnnotations.bool(annotations, name, fallback);
    }

    private long positiveLong(String name, long fallback) {
        return range(name, fallback, 1, Long.MAX_VALUE);
    }

    private long range(String name, long fallback, long min, long max) {
        return VmAnnotations.range(annotations, name, fallback, min, max);
    }
}
