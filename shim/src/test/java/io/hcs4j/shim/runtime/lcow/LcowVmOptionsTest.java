package io.hcs4j.shim.runtime.lcow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hcs4j.schema.Json;
import io.hcs4j.shim.api.runhcs.Options;
import io.hcs4j.shim.runtime.SpecException;
import io.hcs4j.shim.task.RuntimeOptions;
import io.hcs4j.uvm.LcowDocument;
import io.hcs4j.uvm.LcowOptions;
import io.hcs4j.uvm.VmAnnotations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runtime options (filled into the annotations as the task layer does) and annotations → the utility VM's document,
 * one honoured name at a time.
 */
class LcowVmOptionsTest {
    @TempDir
    Path work;

    private static JsonNode vm(Options options, Map<String, String> annotations) throws SpecException {
        return Json.tree(Json.write(LcowDocument.build(
                        LcowVmOptions.of("t@vm", RuntimeOptions.annotations(annotations, options)))))
                .path("VirtualMachine");
    }

    private static JsonNode vm(Map<String, String> annotations) throws SpecException {
        return vm(Options.getDefaultInstance(), annotations);
    }

    private static String cmdLine(JsonNode vm) {
        return vm.path("Chipset").path("LinuxKernelDirect").path("KernelCmdLine").asText();
    }

    @Test
    void memoryAndProcessorsFromTheOptionsAndTheAnnotationsWin() throws SpecException {
        Options options = Options.newBuilder().setVmMemorySizeInMb(2048).setVmProcessorCount(3).build();
        JsonNode fromOptions = vm(options, Map.of());
        assertEquals(2048, fromOptions.path("ComputeTopology").path("Memory").path("SizeInMB").asLong());
        assertEquals(3, fromOptions.path("ComputeTopology").path("Processor").path("Count").asInt());
        assertTrue(cmdLine(fromOptions).contains(" nr_cpus=3 "), cmdLine(fromOptions));

        JsonNode annotated = vm(options, Map.of(VmAnnotations.MEMORY_SIZE_IN_MB, "512",
                VmAnnotations.PROCESSOR_COUNT, "1"));
        assertEquals(512, annotated.path("ComputeTopology").path("Memory").path("SizeInMB").asLong());
        assertEquals(1, annotated.path("ComputeTopology").path("Processor").path("Count").asInt());

        // DefaultContainerAnnotations stand in for annotations the spec does not carry.
        Options defaults = Options.newBuilder().putDefaultContainerAnnotations(VmAnnotations.PROCESSOR_LIMIT, "5000").build();
        assertEquals(5000, vm(defaults, Map.of()).path("ComputeTopology").path("Processor").path("Limit").asLong());
    }

    @Test
    void eachHonouredAnnotationShapesTheDocument() throws Exception {
        JsonNode topology = vm(Map.of(VmAnnotations.PROCESSOR_LIMIT, "50000", VmAnnotations.PROCESSOR_WEIGHT, "200",
                VmAnnotations.ALLOW_OVERCOMMIT, "false", VmAnnotations.ENABLE_DEFERRED_COMMIT, "true",
                VmAnnotations.ENABLE_COLD_DISCARD_HINT, "true")).path("ComputeTopology");
        assertEquals(50000, topology.path("Processor").path("Limit").asLong());
        assertEquals(200, topology.path("Processor").path("Weight").asLong());
        assertFalse(topology.path("Memory").path("AllowOvercommit").asBoolean());
        assertTrue(topology.path("Memory").path("EnableDeferredCommit").asBoolean());
        assertTrue(topology.path("Memory").path("EnableColdDiscardHint").asBoolean());

        JsonNode pmem = vm(Map.of(VmAnnotations.VPMEM_COUNT, "8", VmAnnotations.VPMEM_SIZE, "1048576"))
                .path("Devices").path("VirtualPMem");
        assertEquals(8, pmem.path("MaximumCount").asInt());
        assertEquals(1048576, pmem.path("MaximumSizeBytes").asLong());
        assertTrue(vm(Map.of(VmAnnotations.VPMEM_COUNT, "0")).path("Devices").path("VirtualPMem").isMissingNode());

        JsonNode qos = vm(Map.of(VmAnnotations.STORAGE_QOS_IOPS, "300", VmAnnotations.STORAGE_QOS_BANDWIDTH, "1000000"))
                .path("StorageQoS");
        assertEquals(300, qos.path("IopsMaximum").asInt());
        assertEquals(1000000, qos.path("BandwidthMaximum").asInt());

        assertTrue(cmdLine(vm(Map.of(VmAnnotations.KERNEL_BOOT_OPTIONS, "debug loglevel=7"))).contains(" debug loglevel=7"));
        assertFalse(cmdLine(vm(Map.of(VmAnnotations.VPCI_ENABLED, "true"))).contains("pci=off"));
        assertTrue(cmdLine(vm(Map.of())).contains("pci=off"));

        JsonNode physical = vm(Map.of(VmAnnotations.FULLY_PHYSICALLY_BACKED, "true"));
        assertFalse(physical.path("ComputeTopology").path("Memory").path("AllowOvercommit").asBoolean());
        assertTrue(physical.path("Devices").path("VirtualPMem").isMissingNode(), "layers go over SCSI");

        JsonNode uefi = vm(Map.of(VmAnnotations.KERNEL_DIRECT_BOOT, "false"));
        assertTrue(uefi.path("Chipset").path("LinuxKernelDirect").isMissingNode());
        assertEquals("\\kernel", uefi.path("Chipset").path("Uefi").path("BootThis").path("DevicePath").asText());

        JsonNode vhdRoot = vm(Map.of(VmAnnotations.PREFERRED_ROOTFS_TYPE, "vhd"));
        assertEquals("rootfs.vhd", Path.of(vhdRoot.path("Devices").path("VirtualPMem").path("Devices").path("0")
                .path("HostPath").asText().replace('\\', '/')).getFileName().toString());
        assertTrue(cmdLine(vhdRoot).startsWith("root=/dev/pmem0 ro"), cmdLine(vhdRoot));
        assertTrue(cmdLine(vm(Map.of(VmAnnotations.PREFERRED_ROOTFS_TYPE, "initrd"))).startsWith(" initcall_blacklist"));
    }

    @Test
    void bootFilesFromTheOptionsOrTheAnnotationPreferWhatTheDirectoryHolds() throws Exception {
        Path plain = Files.createDirectories(work.resolve("plain"));
        Path rich = Files.createDirectories(work.resolve("rich"));
        Files.writeString(rich.resolve(LcowOptions.VHD_FILE), "");
        Files.writeString(rich.resolve(LcowOptions.UNCOMPRESSED_KERNEL_FILE), "");
        Options options = Options.newBuilder().setBootFilesRootPath(plain.toString()).build();
        JsonNode fromOptions = vm(options, Map.of()).path("Chipset").path("LinuxKernelDirect");
        assertEquals(plain.resolve("kernel").toString(), fromOptions.path("KernelFilePath").asText());
        assertEquals(plain.resolve("initrd.img").toString(), fromOptions.path("InitRdPath").asText());
        JsonNode annotated = vm(options, Map.of(VmAnnotations.BOOT_FILES_ROOT_PATH, rich.toString()));
        assertEquals(rich.resolve("vmlinux").toString(),
                annotated.path("Chipset").path("LinuxKernelDirect").path("KernelFilePath").asText());
        assertEquals(rich.resolve("rootfs.vhd").toString(),
                annotated.path("Devices").path("VirtualPMem").path("Devices").path("0").path("HostPath").asText());
    }

    @Test
    void anInvalidValueIsInvalidArgumentNamingIt() {
        for (Map.Entry<String, String> bad : Map.of(VmAnnotations.MEMORY_SIZE_IN_MB, "lots",
                VmAnnotations.PROCESSOR_COUNT, "0", VmAnnotations.ALLOW_OVERCOMMIT, "yes",
                VmAnnotations.VPMEM_COUNT, "129", VmAnnotations.VPMEM_SIZE, "-1",
                VmAnnotations.PREFERRED_ROOTFS_TYPE, "squashfs", VmAnnotations.KERNEL_DIRECT_BOOT, "maybe",
                VmAnnotations.STORAGE_QOS_IOPS, "-5", VmAnnotations.BOOT_FILES_ROOT_PATH, "").entrySet()) {
            SpecException e = assertThrows(SpecException.class, () -> vm(Map.of(bad.getKey(), bad.getValue())),
                    bad.toString());
            assertEquals(SpecException.Kind.INVALID_ARGUMENT, e.kind());
            assertTrue(e.getMessage().startsWith(bad.getKey() + ": "), e.getMessage());
        }
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> vm(Options.newBuilder().setVmMemorySizeInMb(-1).build(), Map.of()));
        assertTrue(negative.getMessage().contains("vm_memory_size_in_mb"), negative.getMessage());
    }

    @Test
    void withoutOptionsOrAnnotationsTheVmHasHcsshimsDefaults() throws SpecException {
        LcowOptions o = LcowVmOptions.of("t@vm", Map.of());
        LcowOptions defaults = new LcowOptions("t@vm");
        assertEquals(Json.write(LcowDocument.build(defaults)), Json.write(LcowDocument.build(o)));
        assertNull(vm(Map.of()).get("StorageQoS"));
    }
}
