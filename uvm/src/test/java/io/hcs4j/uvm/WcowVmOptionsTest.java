package io.hcs4j.uvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hcs4j.schema.Json;
import io.hcs4j.schema.oci.Spec;
import io.hcs4j.schema.v2.ComputeSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Windows utility VM's options and document from the image's layers, the spec and its annotations, each as
 * hcsshim honours it (internal/oci/uvm.go, internal/layers/wcow_parse.go).
 */
class WcowVmOptionsTest {
    @TempDir
    Path dir;
    private List<String> folders;

    @BeforeEach
    void image() throws Exception {
        Files.createDirectories(dir.resolve("app"));
        Files.createDirectories(dir.resolve("base/UtilityVM/Files/EFI"));
        Files.writeString(dir.resolve("base/UtilityVM/SystemTemplate.vhdx"), "template");
        Files.createDirectories(dir.resolve("scratch"));
        folders = List.of(dir.resolve("app").toString(), dir.resolve("base").toString(), dir.resolve("scratch").toString());
    }

    private static Spec spec(String windowsResources) {
        return Json.read("{\"windows\":{\"hyperv\":{},\"resources\":" + windowsResources + "}}", Spec.class);
    }

    private ComputeSystem document(Spec spec, Map<String, String> annotations) throws Exception {
        return WcowDocument.build(WcowVmOptions.of("t@vm", folders, spec, annotations));
    }

    @Test
    void theVmBootsFromTheBaseLayersUtilityVmWithItsScratchCopiedFromTheTemplate() throws Exception {
        WcowOptions o = WcowVmOptions.of("t@vm", folders, spec("{}"), Map.of());
        assertEquals(dir.resolve("base/UtilityVM/Files").toString(), o.osFilesPath);
        Path scratch = dir.resolve("scratch/vm/sandbox.vhdx");
        assertEquals(scratch.toString(), o.scratchVhdPath);
        assertEquals("template", Files.readString(scratch));
        assertEquals(1024, o.memorySizeInMb);
        assertEquals(Math.min(2, Runtime.getRuntime().availableProcessors()), o.processorCount);
        Files.writeString(scratch, "the VM's own scratch");
        WcowVmOptions.of("t@vm", folders, spec("{}"), Map.of());
        assertEquals("the VM's own scratch", Files.readString(scratch), "an existing scratch is kept");
    }

    @Test
    void theContainersResourcesSizeTheVmWhenNoAnnotationDoes() throws Exception {
        ComputeSystem doc = document(spec("{\"memory\":{\"limit\":536870912},\"cpu\":{\"count\":1}}"), Map.of());
        assertEquals(512, doc.virtualMachine.computeTopology.memory.sizeInMb);
        assertEquals(1, doc.virtualMachine.computeTopology.processor.count);
    }

    @Test
    void eachSizingAnnotationIsHonouredAndWinsOverTheSpec() throws Exception {
        ComputeSystem doc = document(spec("{\"memory\":{\"limit\":536870912},\"cpu\":{\"count\":1}}"), Map.of(
                VmAnnotations.MEMORY_SIZE_IN_MB, "2048",
                VmAnnotations.PROCESSOR_COUNT, "2",
                VmAnnotations.PROCESSOR_LIMIT, "50000",
                VmAnnotations.PROCESSOR_WEIGHT, "300",
                VmAnnotations.ALLOW_OVERCOMMIT, "false",
                VmAnnotations.ENABLE_DEFERRED_COMMIT, "true",
                VmAnnotations.DISABLE_COMPARTMENT_NAMESPACE, "true"));
        var topology = doc.virtualMachine.computeTopology;
        assertEquals(2048, topology.memory.sizeInMb);
        assertFalse(topology.memory.allowOvercommit);
        assertFalse(topology.memory.enableHotHint, "hot hints need overcommitted memory");
        assertTrue(topology.memory.enableDeferredCommit);
        assertEquals(2, topology.processor.count);
        assertEquals(50000, topology.processor.limit);
        assertEquals(300, topology.processor.weight);
        assertNull(doc.virtualMachine.registryChanges, "no EnableCompartmentNamespace registry change");
    }

    @Test
    void aMalformedAnnotationIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WcowVmOptions.of("t@vm", folders, spec("{}"), Map.of(VmAnnotations.MEMORY_SIZE_IN_MB, "2G")));
        assertTrue(e.getMessage().contains(VmAnnotations.MEMORY_SIZE_IN_MB), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> WcowVmOptions.of("t@vm", folders, spec("{}"), Map.of(VmAnnotations.ALLOW_OVERCOMMIT, "yes")));
        assertTrue(e.getMessage().contains(VmAnnotations.ALLOW_OVERCOMMIT), e.getMessage());
    }

    @Test
    void aBaseLayerWithoutUtilityVmIsAFailedPreconditionNamingIt() throws Exception {
        List<String> noVm = List.of(dir.resolve("app").toString(), dir.resolve("scratch").toString());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> WcowVmOptions.of("t@vm", noVm, spec("{}"), Map.of()));
        assertTrue(e.getMessage().contains(dir.resolve("app").toString()) && e.getMessage().contains("UtilityVM"),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("scratch/vm")), "nothing is made in the writable layer");
        Files.delete(dir.resolve("base/UtilityVM/SystemTemplate.vhdx"));
        e = assertThrows(IllegalStateException.class, () -> WcowVmOptions.of("t@vm", folders, spec("{}"), Map.of()));
        assertTrue(e.getMessage().contains("SystemTemplate.vhdx"), e.getMessage());
    }
}
