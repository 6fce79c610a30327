package io.hcs4j.shim.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hcs4j.cow.Container;
import io.hcs4j.shim.api.runhcs.Options;
import io.hcs4j.shim.runtime.ContainerBackend;
import io.hcs4j.shim.runtime.ContainerSpec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Process or hypervisor isolation for a Windows spec, from each source hcsshim reads (the spec's windows.hyperv, the
 * runtime options' SandboxIsolation), and the contradictions it refuses with InvalidArgument.
 */
class IsolationSelectionTest {
    private static final Options HYPERVISOR = Options.newBuilder()
            .setSandboxIsolation(Options.SandboxIsolation.HYPERVISOR).build();
    private static final Options PROCESS_WITH_PLATFORM = Options.newBuilder()
            .setSandboxPlatform("windows/amd64").build();

    private static OciSpec spec(String windows, String annotations) {
        return OciSpec.parse(("{\"process\":{\"args\":[\"cmd\"]},\"windows\":" + windows
                + ",\"annotations\":" + annotations + "}").getBytes(StandardCharsets.UTF_8));
    }

    private static ContainerBackend named(String name) {
        return new ContainerBackend() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Container create(ContainerSpec spec) {
                throw new UnsupportedOperationException(name);
            }
        };
    }

    @Test
    void aPlainWindowsSpecIsProcessIsolated() {
        assertFalse(Backends.hypervisorIsolated(spec("{}", "{}"), Options.getDefaultInstance()));
        assertFalse(Backends.hypervisorIsolated(spec("{}", "{}"), PROCESS_WITH_PLATFORM));
    }

    @Test
    void theSpecsHypervSectionSelectsHypervisorIsolation() {
        assertTrue(Backends.hypervisorIsolated(spec("{\"hyperv\":{}}", "{}"), Options.getDefaultInstance()));
        // Go's decoder matches keys case-insensitively.
        assertTrue(Backends.hypervisorIsolated(spec("{\"hyperV\":{}}", "{}"), Options.getDefaultInstance()));
        assertFalse(Backends.hypervisorIsolated(spec("{\"hyperv\":null}", "{}"), Options.getDefaultInstance()));
    }

    @Test
    void sandboxIsolationHypervisorSelectsItForAPlainSpec() {
        assertTrue(Backends.hypervisorIsolated(spec("{}", "{}"), HYPERVISOR));
        assertTrue(Backends.hypervisorIsolated(spec("{\"hyperv\":{}}", "{}"), HYPERVISOR));
    }

    @Test
    void vmSizingAnnotationsConfigureAVmButSelectNone() {
        assertFalse(Backends.hypervisorIsolated(spec("{}",
                "{\"io.microsoft.virtualmachine.computetopology.memory.sizeinmb\":\"2048\"}"), Options.getDefaultInstance()));
    }

    @Test
    void processIsolationInNonDefaultOptionsContradictsAHypervSpec() {
        TaskException e = assertThrows(TaskException.class,
                () -> Backends.hypervisorIsolated(spec("{\"hyperv\":{}}", "{}"), PROCESS_WITH_PLATFORM));
        assertEquals(TaskException.Kind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains("PROCESS"), e.getMessage());
    }

    @Test
    void aConfidentialIsolationTypeNeedsHypervisorIsolation() {
        String confidential = "{\"io.microsoft.virtualmachine.wcow.isolation_type\":\"SecureNestedPaging\"}";
        TaskException e = assertThrows(TaskException.class,
                () -> Backends.hypervisorIsolated(spec("{}", confidential), Options.getDefaultInstance()));
        assertEquals(TaskException.Kind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains("io.microsoft.virtualmachine.wcow.isolation_type"), e.getMessage());
        assertTrue(Backends.hypervisorIsolated(spec("{\"hyperv\":{}}", confidential), Options.getDefaultInstance()));
    }

    @Test
    void selectRoutesEachIsolationToItsPath() {
        ContainerBackend process = named("wcow-process");
        ContainerBackend hypervisor = named("wcow-hypervisor");
        Backends backends = new Backends(named("lcow"), null, process, hypervisor);
        assertSame(process, backends.select(spec("{}", "{}"), Options.getDefaultInstance()));
        assertSame(hypervisor, backends.select(spec("{\"hyperv\":{}}", "{}"), Options.getDefaultInstance()));
        assertSame(hypervisor, backends.select(spec("{}", "{}"), HYPERVISOR));
        TaskException e = assertThrows(TaskException.class,
                () -> new Backends(named("lcow"), null, process).select(spec("{}", "{}"), HYPERVISOR));
        assertEquals(TaskException.Kind.UNIMPLEMENTED, e.kind());
    }
}
