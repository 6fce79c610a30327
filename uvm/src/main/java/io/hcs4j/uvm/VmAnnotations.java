package io.hcs4j.uvm;

import java.util.Locale;
import java.util.Map;

/**
 * The utility-VM annotations of hcsshim's {@code pkg/annotations} that shape a VM, and the one reader of their
 * values for every utility VM path. Values are read strictly: a value that is not a number in its range or a
 * boolean (as Go's {@code strconv.ParseBool} reads one) is an {@link IllegalArgumentException} whose message starts
 * with the annotation's name (hcsshim logs it and uses the default; a typo that silently boots a VM of the wrong
 * shape is worse).
 */
public final class VmAnnotations {
    public static final String MEMORY_SIZE_IN_MB = "io.microsoft.virtualmachine.computetopology.memory.sizeinmb";
    public static final String ALLOW_OVERCOMMIT = "io.microsoft.virtualmachine.computetopology.memory.allowovercommit";
    public static final String ENABLE_DEFERRED_COMMIT =
            "io.microsoft.virtualmachine.computetopology.memory.enabledeferredcommit";
    public static final String ENABLE_COLD_DISCARD_HINT =
            "io.microsoft.virtualmachine.computetopology.memory.enablecolddiscardhint";
    public static final String PROCESSOR_COUNT = "io.microsoft.virtualmachine.computetopology.processor.count";
    public static final String PROCESSOR_LIMIT = "io.microsoft.virtualmachine.computetopology.processor.limit";
    public static final String PROCESSOR_WEIGHT = "io.microsoft.virtualmachine.computetopology.processor.weight";
    public static final String FULLY_PHYSICALLY_BACKED = "io.microsoft.virtualmachine.fullyphysicallybacked";
    public static final String BOOT_FILES_ROOT_PATH = "io.microsoft.virtualmachine.bootfilesrootpath";
    public static final String KERNEL_DIRECT_BOOT = "io.microsoft.virtualmachine.lcow.kerneldirectboot";
    public static final String PREFERRED_ROOTFS_TYPE = "io.microsoft.virtualmachine.lcow.preferredrootfstype";
    public static final String KERNEL_BOOT_OPTIONS = "io.microsoft.virtualmachine.lcow.kernelbootoptions";
    public static final String VPCI_ENABLED = "io.microsoft.virtualmachine.lcow.vpcienabled";
    public static final String VPMEM_COUNT = "io.microsoft.virtualmachine.devices.virtualpmem.maximumcount";
    public static final String VPMEM_SIZE = "io.microsoft.virtualmachine.devices.virtualpmem.maximumsizebytes";
    public static final String STORAGE_QOS_IOPS = "io.microsoft.virtualmachine.storageqos.iopsmaximum";
    public static final String STORAGE_QOS_BANDWIDTH = "io.microsoft.virtualmachine.storageqos.bandwidthmaximum";
    public static final String DISABLE_COMPARTMENT_NAMESPACE =
            "io.microsoft.virtualmachine.disablecompartmentnamespace";
    /**
     * The isolation type of a confidential Windows utility VM (SecureNestedPaging, VirtualizationBasedSecurity,
     * GuestStateOnly): it refines hypervisor isolation and does not select it.
     */
    public static final String WCOW_ISOLATION_TYPE = "io.microsoft.virtualmachine.wcow.isolation_type";
    /**
     * hcs4j's own: how many booted utility VMs the host keeps ready ahead of demand, node-wide, so that a VM's start
     * takes one (0, the default: none). Set in containerd's {@code default_container_annotations} it reaches every
     * task. Only a host backend that can keep VMs ready honours it (the emulator, with booted guest agents); real
     * HCS ignores it.
     */
    public static final String POOL_SIZE = "io.hcs4j.vm.pool-size";
    /** The system property through which {@link #POOL_SIZE} reaches this process's host backend. */
    public static final String POOL_SIZE_PROPERTY = "hcs4j.vm.pool-size";
    /** The largest pool: each ready VM holds memory (an emulated one, a JVM) until it is taken. */
    public static final int MAX_POOL_SIZE = 64;

    private VmAnnotations() {
    }

    /**
     * Hands {@link #POOL_SIZE}, when the annotations carry it, to this process's host backend (a shim serves one pod,
     * and the node-wide annotation is the same for every task). A value that is not 0..{@value #MAX_POOL_SIZE} is an
     * {@link IllegalArgumentException} naming it.
     */
    public static void applyPoolSize(Map<String, String> annotations) {
        if (!annotations.containsKey(POOL_SIZE)) {
            return;
        }
        long n = number(annotations, POOL_SIZE, 0);
        if (n > MAX_POOL_SIZE) {
            throw new IllegalArgumentException("annotation " + POOL_SIZE + "=" + n + " is more than " + MAX_POOL_SIZE);
        }
        System.setProperty(POOL_SIZE_PROPERTY, Long.toString(n));
    }

    /** A non-negative integer annotation, or {@code fallback} when absent. */
    public static long number(Map<String, String> annotations, String key, long fallback) {
        return range(annotations, key, fallback, 0, Long.MAX_VALUE);
    }

    /** An integer annotation from {@code min} to {@code max}, or {@code fallback} when absent. */
    public static long range(Map<String, String> annotations, String key, long fallback, long min, long max) {
        String v = annotations.get(key);
        if (v == null) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + v + "' is not a number");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + ": " + n + " is out of range (" + min + ".." + max + ")");
        }
        return n;
    }

    /** A boolean annotation (true, 1, t / false, 0, f, any case), or {@code fallback} when absent. */
    public static boolean bool(Map<String, String> annotations, String key, boolean fallback) {
        String v = annotations.get(key);
        if (v == null) {
            return fallback;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "t" -> true;
            case "false", "0", "f" -> false;
            default -> throw new IllegalArgumentException(key + ": '" + v + "' is not a boolean");
        };
    }
}
