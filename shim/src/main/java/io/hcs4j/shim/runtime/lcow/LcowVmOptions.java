package io.hcs4j.shim.runtime.lcow;

import io.hcs4j.shim.api.runhcs.Options;
import io.hcs4j.shim.runtime.SpecException;
import io.hcs4j.uvm.LcowOptions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The utility VM's shape from the runtime options containerd passes ({@code containerd.runhcs.v1.Options}) and the
 * {@code io.microsoft.virtualmachine.*} annotations hcsshim honours for LCOW. As hcsshim's
 * {@code UpdateSpecFromOptions}, an option only stands in for its annotation when the spec does not carry it:
 * annotations win. A value that is not what its name needs is InvalidArgument naming it (hcsshim logs and ignores
 * it; a request that asked for a VM shape should not silently get another).
 */
final class LcowVmOptions {
    static final String MEMORY_SIZE_IN_MB = "io.microsoft.virtualmachine.computetopology.memory.sizeinmb";
    static final String ALLOW_OVERCOMMIT = "io.microsoft.virtualmachine.computetopology.memory.allowovercommit";
    static final String ENABLE_DEFERRED_COMMIT = "io.microsoft.virtualmachine.computetopology.memory.enabledeferredcommit";
    static final String ENABLE_COLD_DISCARD_HINT = "io.microsoft.virtualmachine.computetopology.memory.enablecolddiscardhint";
    static final String PROCESSOR_COUNT = "io.microsoft.virtualmachine.computetopology.processor.count";
    static final String PROCESSOR_LIMIT = "io.microsoft.virtualmachine.computetopology.processor.limit";
    static final String PROCESSOR_WEIGHT = "io.microsoft.virtualmachine.computetopology.processor.weight";
    static final String FULLY_PHYSICALLY_BACKED = "io.microsoft.virtualmachine.fullyphysicallybacked";
    static final String BOOT_FILES_ROOT_PATH = "io.microsoft.virtualmachine.bootfilesrootpath";
    static final String KERNEL_DIRECT_BOOT = "io.microsoft.virtualmachine.lcow.kerneldirectboot";
    static final String PREFERRED_ROOTFS_TYPE = "io.microsoft.virtualmachine.lcow.preferredrootfstype";
    static final String KERNEL_BOOT_OPTIONS = "io.microsoft.virtualmachine.lcow.kernelbootoptions";
    static final String VPCI_ENABLED = "io.microsoft.virtualmachine.lcow.vpcienabled";
    static final String VPMEM_COUNT = "io.microsoft.virtualmachine.devices.virtualpmem.maximumcount";
    static final String VPMEM_SIZE = "io.microsoft.virtualmachine.devices.virtualpmem.maximumsizebytes";
    static final String STORAGE_QOS_IOPS = "io.microsoft.virtualmachine.storageqos.iopsmaximum";
    static final String STORAGE_QOS_BANDWIDTH = "io.microsoft.virtualmachine.storageqos.bandwidthmaximum";

    /** Every annotation this class honours (the README lists them with their effect). */
    static final List<String> HONOURED = List.of(MEMORY_SIZE_IN_MB, ALLOW_OVERCOMMIT, ENABLE_DEFERRED_COMMIT,
            ENABLE_COLD_DISCARD_HINT, PROCESSOR_COUNT, PROCESSOR_LIMIT, PROCESSOR_WEIGHT, FULLY_PHYSICALLY_BACKED,
            BOOT_FILES_ROOT_PATH, KERNEL_DIRECT_BOOT, PREFERRED_ROOTFS_TYPE, KERNEL_BOOT_OPTIONS, VPCI_ENABLED,
            VPMEM_COUNT, VPMEM_SIZE, STORAGE_QOS_IOPS, STORAGE_QOS_BANDWIDTH);

    private final Map<String, String> annotations;

    private LcowVmOptions(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    /** The VM {@code vmId}'s options from the runtime options and the spec's annotations. */
    static LcowOptions of(String vmId, Options options, Map<String, String> specAnnotations) throws SpecException {
        Map<String, String> merged = new HashMap<>(specAnnotations);
        options.getDefaultContainerAnnotationsMap().forEach(merged::putIfAbsent);
        if (options.getVmMemorySizeInMb() < 0 || options.getVmProcessorCount() < 0) {
            throw SpecException.invalid("runtime options: vm_memory_size_in_mb and vm_processor_count must not be "
                    + "negative (" + options.getVmMemorySizeInMb() + ", " + options.getVmProcessorCount() + ")");
        }
        if (options.getVmMemorySizeInMb() > 0) {
            merged.putIfAbsent(MEMORY_SIZE_IN_MB, Integer.toString(options.getVmMemorySizeInMb()));
        }
        if (options.getVmProcessorCount() > 0) {
            merged.putIfAbsent(PROCESSOR_COUNT, Integer.toString(options.getVmProcessorCount()));
        }
        if (!options.getBootFilesRootPath().isEmpty()) {
            merged.putIfAbsent(BOOT_FILES_ROOT_PATH, options.getBootFilesRootPath());
        }
        return new LcowVmOptions(merged).build(vmId);
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

    private boolean bool(String name, boolean fallback) throws SpecException {
        String v = annotations.get(name);
        if (v == null) {
            return fallback;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "t" -> true;
            case "false", "0", "f" -> false;
            default -> throw SpecException.invalid(name + ": '" + v + "' is not a boolean");
        };
    }

    private long positiveLong(String name, long fallback) throws SpecException {
        return range(name, fallback, 1, Long.MAX_VALUE);
    }

    private long range(String name, long fallback, long min, long max) throws SpecException {
        String v = annotations.get(name);
        if (v == null) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw SpecException.invalid(name + ": '" + v + "' is not a number");
        }
        if (n < min || n > max) {
            throw SpecException.invalid(name + ": " + n + " is out of range (" + min + ".." + max + ")");
        }
        return n;
    }
}
