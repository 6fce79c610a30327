package io.hcs4j.uvm;

import io.hcs4j.schema.oci.Spec;
import io.hcs4j.schema.oci.WindowsResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * A Windows utility VM's {@link WcowOptions} for a task, as hcsshim derives them: it boots from the
 * {@code UtilityVM} folder of the first parent layer that has one (the base layer, {@code UtilityVM\Files} over
 * VSMB), its scratch is {@code <writable layer>\vm\sandbox.vhdx}, copied from {@code UtilityVM\SystemTemplate.vhdx}
 * when absent; memory and processors come from the annotations (which the runtime options fill), else from the
 * container's own {@code windows.resources}, else hcsshim's defaults.
 */
public final class WcowVmOptions {
    static final String UTILITY_VM = "UtilityVM";
    static final String SYSTEM_TEMPLATE = "SystemTemplate.vhdx";
    private static final long MIB = 1024 * 1024;

    private WcowVmOptions() {
    }

    /**
     * The options of VM {@code vmId} for a container on {@code layerFolders} (parents first, writable layer last).
     *
     * @throws IllegalStateException when no parent layer has a UtilityVM folder or it has no system template
     * @throws IllegalArgumentException for a malformed sizing annotation
     */
    public static WcowOptions of(String vmId, List<String> layerFolders, Spec spec, Map<String, String> annotations)
            throws IOException {
        if (layerFolders.size() < 2) {
            throw new IllegalArgumentException("a Hyper-V isolated container needs a base layer and a writable layer, "
                    + "got " + layerFolders);
        }
        List<String> parents = layerFolders.subList(0, layerFolders.size() - 1);
        Path image = null;
        for (String parent : parents) {
            if (Files.isDirectory(Path.of(parent, UTILITY_VM))) {
                image = Path.of(parent, UTILITY_VM);
                break;
            }
        }
        if (image == null) {
            throw new IllegalStateException("the base layer " + parents.get(parents.size() - 1) + " has no "
                    + UTILITY_VM + " folder: a Hyper-V isolated container boots its utility VM from it");
        }
        Path vmScratchDir = Path.of(layerFolders.get(layerFolders.size() - 1), "vm");
        Path scratch = vmScratchDir.resolve("sandbox.vhdx");
        if (!Files.exists(scratch)) {
            Path template = image.resolve(SYSTEM_TEMPLATE);
            if (!Files.isRegularFile(template)) {
                throw new IllegalStateException("the utility VM image " + image + " has no " + SYSTEM_TEMPLATE
                        + " to make the VM's scratch disk from");
            }
            Files.createDirectories(vmScratchDir);
            Files.copy(template, scratch, StandardCopyOption.COPY_ATTRIBUTES);
        }
        WcowOptions o = new WcowOptions(vmId, image.resolve("Files").toString(), scratch.toString());
        WindowsResources r = spec.windows == null ? null : spec.windows.resources;
        long specMemoryMb = r != null && r.memory != null && r.memory.limit != null && r.memory.limit > 0
                ? r.memory.limit / MIB : 0;
        long specProcessors = r != null && r.cpu != null && r.cpu.count != null && r.cpu.count > 0 ? r.cpu.count : 0;
        o.memorySizeInMb = VmAnnotations.number(annotations, VmAnnotations.MEMORY_SIZE_IN_MB,
                specMemoryMb > 0 ? specMemoryMb : o.memorySizeInMb);
        o.allowOvercommit = VmAnnotations.bool(annotations, VmAnnotations.ALLOW_OVERCOMMIT, o.allowOvercommit);
        o.enableDeferredCommit = VmAnnotations.bool(annotations, VmAnnotations.ENABLE_DEFERRED_COMMIT,
                o.enableDeferredCommit);
        o.processorCount = Math.toIntExact(VmAnnotations.number(annotations, VmAnnotations.PROCESSOR_COUNT,
                specProcessors > 0 ? specProcessors : o.processorCount));
        o.processorLimit = VmAnnotations.number(annotations, VmAnnotations.PROCESSOR_LIMIT, o.processorLimit);
        o.processorWeight = VmAnnotations.number(annotations, VmAnnotations.PROCESSOR_WEIGHT, o.processorWeight);
        o.disableCompartmentNamespace = VmAnnotations.bool(annotations, VmAnnotations.DISABLE_COMPARTMENT_NAMESPACE,
                o.disableCompartmentNamespace);
        if (o.memorySizeInMb == 0 || o.processorCount == 0) {
            throw new IllegalArgumentException("a utility VM needs memory and at least one processor");
        }
        return o;
    }
}
