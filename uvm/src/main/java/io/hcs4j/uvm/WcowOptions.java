package io.hcs4j.uvm;

import io.hcs4j.schema.v2.HvSocketServiceConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to build a Windows utility VM, with hcsshim's defaults: 1024 MB overcommitted memory, 2 processors, UEFI
 * boot of {@code \EFI\Microsoft\Boot\bootmgfw.efi} from the utility VM image's files shared read-only over
 * VSMB ("os"), the scratch disk on SCSI 0:0.
 */
public final class WcowOptions {
    public final String id;
    public String owner = "hcs4j";
    public long memorySizeInMb = 1024;
    public boolean allowOvercommit = true;
    public boolean enableDeferredCommit;
    public int processorCount = Math.min(2, Runtime.getRuntime().availableProcessors());
    public long processorLimit;
    public long processorWeight;
    /** The utility VM image's files ({@code <layer>\UtilityVM\Files}). */
    public String osFilesPath;
    /** Where the boot manager is, relative to the OS files. */
    public String osRelativeBootDirPath = "\\EFI\\Microsoft\\Boot";
    /** The VM's scratch disk. */
    public String scratchVhdPath;
    public int scsiControllerCount = 1;
    /** hcsshim sets GNS's EnableCompartmentNamespace unless told not to. */
    public boolean disableCompartmentNamespace;
    public final Map<String, HvSocketServiceConfig> additionalHvSocketServices = new LinkedHashMap<>();

    public WcowOptions(String id, String osFilesPath, String scratchVhdPath) {
        this.id = id;
        this.osFilesPath = osFilesPath;
        this.scratchVhdPath = scratchVhdPath;
    }
}
