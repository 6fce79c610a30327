package io.hcs4j.runhcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hcs4j.cow.Container;
import io.hcs4j.cow.Process;
import io.hcs4j.cow.hcs.ProcessDocuments;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.oci.Spec;
import io.hcs4j.uvm.backend.HostBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** runhcs runs a windows.hyperv bundle in a Windows utility VM of its own (the emulator's here). */
@Timeout(60)
class BackendTest {
    @TempDir
    Path dir;

    private Spec spec(boolean utilityVm) throws Exception {
        Files.createDirectories(dir.resolve("base/etc"));
        Files.writeString(dir.resolve("base/etc/motd"), "base\n");
        if (utilityVm) {
            Files.createDirectories(dir.resolve("base/UtilityVM/Files"));
            Files.writeString(dir.resolve("base/UtilityVM/SystemTemplate.vhdx"), "");
        }
        Files.createDirectories(dir.resolve("scratch"));
        return Json.read("""
                {"process":{"args":["sh","-c","cat etc/motd; exit 4"]},"root":{"path":""},
                 "windows":{"hyperv":{},"layerFolders":["%s","%s"]}}
                """.formatted(dir.resolve("base"), dir.resolve("scratch")), Spec.class);
    }

    private static List<String> systems(HostBackend host) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode n : host.hcs().enumerateComputeSystems(Json.mapper().createObjectNode(), JsonNode.class)) {
            ids.add(n.path("Id").asText());
        }
        return ids;
    }

    @Test
    void aHypervBundleRunsInItsOwnUtilityVmWhichEndsWithIt() throws Exception {
        HostBackend host = HostBackend.select();
        Spec spec = spec(true);
        Container c = Backend.inUtilityVm(host, "rh-hv", spec);
        try {
            assertTrue(systems(host).contains("rh-hv@vm"));
            c.start();
            Process p = c.createProcess(ProcessDocuments.of(spec.process, new ProcessDocuments.Stdio(false, true, true)));
            assertEquals("base\n", new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(4, p.exit().get(10, TimeUnit.SECONDS));
        } finally {
            c.close();
        }
        assertFalse(systems(host).contains("rh-hv@vm"), "the VM ends with its container");
    }

    @Test
    void aBaseLayerWithoutUtilityVmBootsNothing() throws Exception {
        HostBackend host = HostBackend.select();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Backend.inUtilityVm(host, "rh-novm", spec(false)));
        assertTrue(e.getMessage().contains("UtilityVM"), e.getMessage());
        assertFalse(systems(host).contains("rh-novm@vm"));
    }
}
