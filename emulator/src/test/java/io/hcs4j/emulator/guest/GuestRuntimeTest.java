package io.hcs4j.emulator.guest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.guest.GuestProcessParameters;
import io.hcs4j.schema.guest.LCOWCombinedLayers;
import io.hcs4j.schema.guest.LinuxHostedSystem;
import io.hcs4j.schema.oci.LinuxResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The guest runtime without the right to mount or chroot: the rootfs is the layer directory itself. */
@Timeout(30)
class GuestRuntimeTest {

    @Test
    void withoutRootTheRootfsIsTheLayerAndProcessesRunFromIt(@TempDir Path work) throws Exception {
        CompletableFuture<String> exited = new CompletableFuture<>();
        GuestRuntime runtime = new GuestRuntime(false, null, work.resolve("vm"), (id, type) -> exited.complete(id + " " + type));
        Path layer = EmulatedVm.busyboxLayer(work.resolve("layer"));
        Path root = work.resolve("c/rootfs");
        ObjectNode layers = Json.mapper().createObjectNode().put("ContainerRootPath", root.toString());
        layers.putArray("Layers").addObject().put("Path", layer.toString());
        runtime.addLayers(Json.convert(layers, LCOWCombinedLayers.class));
        assertTrue(Files.isSymbolicLink(root));

        ObjectNode spec = Json.mapper().createObjectNode();
        spec.set("process", EmulatedVm.process("sh", "-c", "[ -x ./bin/busybox ] || exit 9; exit 5"));
        spec.putObject("root").put("path", root.toString());
        runtime.create("c", Json.convert(Json.mapper().createObjectNode().set("OciSpecification", spec),
                LinuxHostedSystem.class));
        int pid = runtime.execute("c", new GuestProcessParameters(), null, null, null);
        // The working directory "/" is the rootfs (the layer), where the shell finds the layer's busybox.
        assertEquals(5, runtime.awaitExit("c", pid, 10_000));
        assertEquals("c UnexpectedExit", exited.get(10, TimeUnit.SECONDS));

        GuestError running = assertThrows(GuestError.class, () -> runtime.signal("c", pid, 15));
        assertEquals(HResults.E_ELEMENT_NOT_FOUND, running.hresult);
        assertEquals(HResults.V1_SYSTEM_NOT_FOUND,
                assertThrows(GuestError.class, () -> runtime.shutdown("nope", true)).hresult);
        runtime.deleteState("c");
        runtime.removeLayers(Json.convert(Json.mapper().createObjectNode().put("ContainerRootPath", root.toString()),
                LCOWCombinedLayers.class));
        assertFalse(Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals(HResults.E_ELEMENT_NOT_FOUND, assertThrows(GuestError.class,
                () -> runtime.removeLayers(Json.convert(Json.mapper().createObjectNode().put("ContainerRootPath", root.toString()),
                LCOWCombinedLayers.class))).hresult);
    }

    @Test
    void withoutCgroupsUpdateContainerIsNotImplementedWithTheReason(@TempDir Path dir) throws Exception {
        GuestRuntime runtime = new GuestRuntime(false, null, dir.resolve("vm"), (id, type) -> { });
        ObjectNode spec = Json.mapper().createObjectNode();
        spec.set("process", EmulatedVm.process("true"));
        spec.putObject("root").put("path", dir.toString());
        runtime.create("c", Json.convert(Json.mapper().createObjectNode().set("OciSpecification", spec),
                LinuxHostedSystem.class));
        GuestError e = assertThrows(GuestError.class, () -> runtime.update("c", new LinuxResources()));
        assertEquals(HResults.E_NOTIMPL, e.hresult);
        assertTrue(e.getMessage().contains("cgroups"), e.getMessage());
        assertEquals(HResults.V1_SYSTEM_NOT_FOUND,
                assertThrows(GuestError.class, () -> runtime.update("nope", new LinuxResources())).hresult);
        runtime.deleteState("c");
    }

    @Test
    @Timeout(120)
    void aFinishedExecIsForgottenOnceItsExitIsDelivered(@TempDir Path work) throws Exception {
        GuestRuntime runtime = new GuestRuntime(false, null, work.resolve("vm"), (id, type) -> { });
        Path layer = EmulatedVm.busyboxLayer(work.resolve("layer"));
        ObjectNode spec = Json.mapper().createObjectNode();
        spec.set("process", EmulatedVm.process("sleep", "1000"));
        spec.putObject("root").put("path", layer.toString());
        runtime.create("c", Json.convert(Json.mapper().createObjectNode().set("OciSpecification", spec),
                LinuxHostedSystem.class));
        int init = runtime.execute("c", new GuestProcessParameters(), null, null, null);
        for (int i = 0; i < 1000; i++) {
            int pid = runtime.execute("c", EmulatedVm.exec(false, false, false, "true"), null, null, null);
            assertEquals(0, runtime.awaitExit("c", pid, 10_000));
        }
        assertEquals(1, runtime.processCount("c"), "only the init is left");
        runtime.signal("c", init, 9);
        assertEquals(137, runtime.awaitExit("c", init, 10_000));
        assertEquals(1, runtime.processCount("c"), "the init stays until the container goes");
        runtime.deleteState("c");
    }
}
