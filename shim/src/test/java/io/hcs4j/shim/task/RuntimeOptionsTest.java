package io.hcs4j.shim.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.hcs4j.shim.api.runhcs.Options;
import io.hcs4j.uvm.VmAnnotations;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runhcs options of a Create, given directly or as ctr's runtime config file. */
class RuntimeOptionsTest {
    @TempDir
    Path dir;

    private static Any configFile(String path) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeString(1, "containerd.runhcs.v1.Options");
        out.writeString(2, path);
        out.flush();
        return Any.newBuilder().setTypeUrl("runtimeoptions.v1.Options").setValue(ByteString.copyFrom(bytes.toByteArray()))
                .build();
    }

    @Test
    void runhcsOptionsAreTakenAsTheyAre() {
        Options o = Options.newBuilder().setSandboxIsolation(Options.SandboxIsolation.HYPERVISOR).build();
        assertEquals(o, RuntimeOptions.of(Any.pack(o), Options.getDefaultInstance()));
    }

    @Test
    void anyOtherTypeMeansTheDefaults() {
        Options defaults = Options.newBuilder().setDebug(true).build();
        assertSame(defaults, RuntimeOptions.of(Any.newBuilder().setTypeUrl("x.y.Other").build(), defaults));
    }

    @Test
    void ctrsRuntimeConfigFileHoldsTheOptionsAsCrisTomlKeys() throws Exception {
        Path toml = dir.resolve("runhcs.toml");
        Files.writeString(toml, "# Hyper-V isolation\nSandboxIsolation = 1\nVmMemorySizeInMb = 2048\n"
                + "sandbox_platform = \"windows/amd64\"\nDebug = true\n");
        Options o = RuntimeOptions.of(configFile(toml.toString()), Options.getDefaultInstance());
        assertEquals(Options.SandboxIsolation.HYPERVISOR, o.getSandboxIsolation());
        assertEquals(2048, o.getVmMemorySizeInMb());
        assertEquals("windows/amd64", o.getSandboxPlatform());
        assertTrue(o.getDebug());
        Files.writeString(toml, "SandboxIsolation = \"hypervisor\"\n");
        assertEquals(Options.SandboxIsolation.HYPERVISOR,
                RuntimeOptions.of(configFile(toml.toString()), Options.getDefaultInstance()).getSandboxIsolation());
    }

    @Test
    void theRuntimeOptionsFillTheSizingAnnotationsButNeverOverrideThem() {
        Options options = Options.newBuilder().setVmMemorySizeInMb(3072).setVmProcessorCount(1)
                .putDefaultContainerAnnotations(VmAnnotations.ALLOW_OVERCOMMIT, "false").build();
        assertEquals(java.util.Map.of(VmAnnotations.MEMORY_SIZE_IN_MB, "3072", VmAnnotations.PROCESSOR_COUNT, "1",
                VmAnnotations.ALLOW_OVERCOMMIT, "false"), RuntimeOptions.annotations(java.util.Map.of(), options));
        assertEquals("1536", RuntimeOptions.annotations(java.util.Map.of(VmAnnotations.MEMORY_SIZE_IN_MB, "1536"), options)
                .get(VmAnnotations.MEMORY_SIZE_IN_MB), "the spec's annotation wins");
    }

    @Test
    void theBootFilesOptionFillsItsAnnotationAndANegativeVmSizeIsRefused() {
        Options options = Options.newBuilder().setBootFilesRootPath("/boot/files").build();
        assertEquals(java.util.Map.of(VmAnnotations.BOOT_FILES_ROOT_PATH, "/boot/files"),
                RuntimeOptions.annotations(java.util.Map.of(), options));
        assertEquals("/mine", RuntimeOptions.annotations(java.util.Map.of(VmAnnotations.BOOT_FILES_ROOT_PATH, "/mine"),
                options).get(VmAnnotations.BOOT_FILES_ROOT_PATH), "the spec's annotation wins");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RuntimeOptions.annotations(
                java.util.Map.of(), Options.newBuilder().setVmProcessorCount(-2).build()));
        assertTrue(e.getMessage().contains("vm_processor_count"), e.getMessage());
    }

    @Test
    void aBadConfigFileIsInvalidArgumentNamingTheLine() throws Exception {
        Path toml = dir.resolve("bad.toml");
        for (String bad : new String[] {"NoSuchOption = 1\n", "VmMemorySizeInMb = lots\n", "SandboxIsolation = 7\n",
                "just words\n"}) {
            Files.writeString(toml, bad);
            TaskException e = assertThrows(TaskException.class,
                    () -> RuntimeOptions.of(configFile(toml.toString()), Options.getDefaultInstance()));
            assertEquals(TaskException.Kind.INVALID_ARGUMENT, e.kind());
            assertTrue(e.getMessage().contains(toml + ":1"), e.getMessage());
        }
        TaskException e = assertThrows(TaskException.class,
                () -> RuntimeOptions.of(configFile(dir.resolve("missing.toml").toString()), Options.getDefaultInstance()));
        assertEquals(TaskException.Kind.INVALID_ARGUMENT, e.kind());
    }
}
