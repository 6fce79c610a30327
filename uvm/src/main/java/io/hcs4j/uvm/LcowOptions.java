package io.hcs4j.uvm;

import io.hcs4j.schema.v2.HvSocketServiceConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to build a Linux utility VM, with hcsshim's defaults: 1024 MB overcommitted memory, 2 processors (fewer on
 * a smaller host), kernel-direct boot of {@code kernel} with the {@code initrd.img} root filesystem from
 * {@code %ProgramFiles%\Linux Containers}, one SCSI controller, 64 vPMem devices of 4 GiB, the GCS started by
 * vsockexec with its stderr forwarded to vsock port 109.
 */
public final class LcowOptions {
    public static final String KERNEL_FILE = "kernel";
    public static final String UNCOMPRESSED_KERNEL_FILE = "vmlinux";
    public static final String INITRD_FILE = "initrd.img";
    public static final String VHD_FILE = "rootfs.vhd";
    public static final int DEFAULT_VPMEM_COUNT = 64;
    public static final int MAX_VPMEM_COUNT = 128;
    public static final long DEFAULT_VPMEM_SIZE_BYTES = 4L << 30;
    public static final int MAX_SCSI_CONTROLLERS = 4;

    /** Where the root filesystem comes from. */
    public enum RootFsType { INITRD, VHD }

    public final String id;
    public String owner = "hcs4j";
    public long memorySizeInMb = 1024;
    public boolean allowOvercommit = true;
    public boolean enableDeferredCommit;
    public boolean enableColdDiscardHint;
    public int processorCount = Math.min(2, Runtime.getRuntime().availableProcessors());
    public long processorLimit;
    public long processorWeight;
    public String bootFilesPath = defaultBootFilesPath();
    public String kernelFile = KERNEL_FILE;
    public boolean kernelDirect = true;
    public String rootFsFile = INITRD_FILE;
    public RootFsType rootFsType = RootFsType.INITRD;
    public String kernelBootOptions = "";
    public String execCommandLine = "/bin/gcs -v4 -log-format json -loglevel info";
    public boolean forwardStdout;
    public boolean forwardStderr = true;
    public int scsiControllerCount = 1;
    public int vpmemDeviceCount = DEFAULT_VPMEM_COUNT;
    public long vpmemSizeBytes = DEFAULT_VPMEM_SIZE_BYTES;
    /** A named pipe for the serial console (debugging); empty for none. */
    public String consolePipe = "";
    public boolean enableGraphicsConsole;
    public boolean vpciEnabled;
    /**
     * Memory and devices backed by physical memory (no overcommit, no vPMem: layers go over SCSI), as hcsshim's
     * fully-physically-backed VMs.
     */
    public boolean fullyPhysicallyBacked;
    /** Storage QoS of the VM's disks; 0 for no limit. */
    public int storageQosIopsMaximum;
    public int storageQosBandwidthMaximum;
    /**
     * Put before the guest paths the VM chooses itself ({@code /run/layers/p<n>}, {@code /run/mounts/scsi/m<n>});
     * empty for a real guest. An emulated guest shares the host's file system, so each of its VMs needs a
     * directory of its own there.
     */
    public String guestPathPrefix = "";
    /** Extra hvsocket services the VM may use, keyed by service GUID. */
    public final Map<String, HvSocketServiceConfig> additionalHvSocketServices = new LinkedHashMap<>();

    public LcowOptions(String id) {
        this.id = id;
    }

    private static String defaultBootFilesPath() {
        String programFiles = System.getenv("ProgramFiles");
        return (programFiles == null ? "C:\\Program Files" : programFiles) + "\\Linux Containers";
    }

    /**
     * Points at another boot files directory and, like hcsshim, prefers what it holds: a {@code rootfs.vhd}
     * over the initrd, and for kernel-direct boot an uncompressed {@code vmlinux}.
     */
    public LcowOptions bootFilesPath(Path path) {
        bootFilesPath = path.toString();
        if (Files.exists(path.resolve(VHD_FILE))) {
            rootFsFile = VHD_FILE;
            rootFsType = RootFsType.VHD;
        }
        if (kernelDirect && Files.exists(path.resolve(UNCOMPRESSED_KERNEL_FILE))) {
            kernelFile = UNCOMPRESSED_KERNEL_FILE;
        }
        return this;
    }

    /** Rejects settings the VM cannot be built with. */
    void validate() {
        if (vpmemDeviceCount < 0 || vpmemDeviceCount > MAX_VPMEM_COUNT) {
            throw new IllegalArgumentException("vPMem device count must be 0.." + MAX_VPMEM_COUNT + ", not " + vpmemDeviceCount);
        }
        if (scsiControllerCount < 0 || scsiControllerCount > MAX_SCSI_CONTROLLERS) {
            throw new IllegalArgumentException("SCSI controller count must be 0.." + MAX_SCSI_CONTROLLERS + ", not "
                    + scsiControllerCount);
        }
        if (fullyPhysicallyBacked && (allowOvercommit || vpmemDeviceCount > 0)) {
            throw new IllegalArgumentException("a fully physically backed VM allows no overcommit and no vPMem");
        }
        if (processorCount < 1 || memorySizeInMb < 1) {
            throw new IllegalArgumentException("a VM needs at least one processor and some memory");
        }
    }
}
