package io.hcs4j.emulator.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hcs4j.cow.Process;
import io.hcs4j.cow.SignalOptions;
import io.hcs4j.cow.hcs.HcsContainer;
import io.hcs4j.cow.hcs.ProcessDocuments;
import io.hcs4j.cow.storage.LayerStorage;
import io.hcs4j.hcs.HcsService;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.guest.SignalValueWCOW;
import io.hcs4j.schema.oci.Spec;
import io.hcs4j.schema.v2.Properties;
import io.hcs4j.schema.v2.PropertyType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** cow's HCS-backed Windows container over the HCS emulator and the emulated layer storage. */
@Timeout(60)
class HcsContainerOnEmulatorTest {
    @TempDir
    Path dir;
    Spec spec;
    final HcsService hcs = HcsService.open();
    final LayerStorage storage = LayerStorage.of(new EmulatorStorageProvider());

    @BeforeEach
    void bundle() throws IOException {
        Files.createDirectories(dir.resolve("base"));
        Files.writeString(dir.resolve("base/greeting"), "hello from the base layer\n");
        Files.createDirectories(dir.resolve("scratch"));
        spec = Json.read("{\"ociVersion\":\"1.1.0\",\"hostname\":\"c\",\"process\":{\"args\":[\"true\"]},"
                + "\"windows\":{\"layerFolders\":[\"" + dir.resolve("base") + "\",\"" + dir.resolve("scratch")
                + "\"],\"resources\":{\"cpu\":{\"count\":1}}}}", Spec.class);
    }

    private static io.hcs4j.schema.oci.Process proc(String... args) {
        io.hcs4j.schema.oci.Process p = new io.hcs4j.schema.oci.Process();
        p.args = java.util.List.of(args);
        return p;
    }

    @Test
    void processesRunInTheContainerRootWithRealStdioAndExitCodes() throws Exception {
        for (HcsContainer.Schema schema : HcsContainer.Schema.values()) {
            try (HcsContainer c = HcsContainer.create(hcs, storage, "cow-" + schema, spec, "test", schema)) {
                c.start();
                assertEquals("windows", c.os());
                assertFalse(c.isOci());
                try (Process p = c.createProcess(ProcessDocuments.of(proc("sh", "-c", "cat greeting; cat; exit 4"),
                        ProcessDocuments.Stdio.ALL))) {
                    p.stdin().write("typed\n".getBytes(StandardCharsets.UTF_8));
                    p.closeStdin();
                    assertEquals("hello from the base layer\ntyped\n",
                            new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8));
                    assertEquals(4, p.exit().get(30, TimeUnit.SECONDS));
                    assertEquals(4, p.exitCode());
                    assertFalse(p.kill(), "an exited process is not killed again");
                }
            }
            assertFalse(Files.exists(dir.resolve("scratch/greeting")), schema + ": layers unmounted on close");
        }
    }

    @Test
    void signalKillPropertiesAndCloseReleaseEverythingOnce() throws Exception {
        HcsContainer c = HcsContainer.create(hcs, storage, "cow-signal", spec, "test", HcsContainer.Schema.V2);
        c.start();
        Process sleeper = c.createProcess(ProcessDocuments.of(proc("sleep", "60"), ProcessDocuments.Stdio.ALL));
        Properties props = c.propertiesV2(PropertyType.PROCESS_LIST);
        assertTrue(props.processList.stream().anyMatch(d -> d.processId == sleeper.pid()), "process list");
        assertThrows(IllegalArgumentException.class, () -> sleeper.signal(SignalOptions.linux(15)));
        assertTrue(sleeper.signal(SignalOptions.windows(SignalValueWCOW.CTRL_SHUTDOWN)));
        assertEquals(143, sleeper.exit().get(30, TimeUnit.SECONDS), "CtrlShutdown is SIGTERM on the emulator");
        sleeper.close();

        Process other = c.createProcess(ProcessDocuments.of(proc("sleep", "60"), ProcessDocuments.Stdio.ALL));
        assertTrue(other.kill());
        other.exit().get(30, TimeUnit.SECONDS);
        other.close();

        Process last = c.createProcess(ProcessDocuments.of(proc("sleep", "60"), ProcessDocuments.Stdio.ALL));
        long pid = last.pid();
        c.close();
        c.close();
        assertTrue(c.exit().isDone());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "close ends the container");
        assertFalse(Files.exists(dir.resolve("scratch/greeting")));
        // Exit notifications are delivered asynchronously, as HCS's are: the future completes soon after.
        assertTrue(last.exit().handle((code, error) -> true).get(10, TimeUnit.SECONDS),
                "the terminated container's process has exited");
        last.close();
    }

    @Test
    void badSpecsAndDuplicateIdsFailWithNothingMounted() throws Exception {
        Spec linux = Json.read("{\"ociVersion\":\"1.1.0\",\"linux\":{}}", Spec.class);
        assertThrows(IllegalArgumentException.class,
                () -> HcsContainer.create(hcs, storage, "cow-bad", linux, "test", HcsContainer.Schema.V2));
        try (HcsContainer c = HcsContainer.create(hcs, storage, "cow-dup", spec, "test", HcsContainer.Schema.V2)) {
            assertEquals("cow-dup", c.id());
            Files.createDirectories(dir.resolve("scratch2"));
            Spec other = Json.read(Json.write(spec), Spec.class);
            other.windows.layerFolders = java.util.List.of(dir.resolve("base").toString(),
                    dir.resolve("scratch2").toString());
            IOException e = assertThrows(IOException.class,
                    () -> HcsContainer.create(hcs, storage, "cow-dup", other, "test", HcsContainer.Schema.V2));
            assertTrue(e.getMessage().contains("0x"), e.getMessage());
            assertFalse(Files.exists(dir.resolve("scratch2/greeting")), "the failed container's layers unmounted");
            assertTrue(Files.exists(dir.resolve("scratch/greeting")), "the first container keeps its layers");
        }
    }
}
