package io.hcs4j.emulator.guest;

import io.hcs4j.hcs.raw.HResults;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.uvm.bridge.codec.BridgeJson;
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
        ObjectNode layers = BridgeJson.object().put("ContainerRootPath", root.toString());
        layers.putArray("Layers").addObject().put("Path", layer.toString());
        runtime.addLayers(layers);
        assertTrue(Files.isSymbolicLink(root));

        ObjectNode spec = BridgeJson.object();
        spec.set("process", EmulatedVm.process("sh", "-c", "[ -x ./bin/busybox ] || exit 9; exit 5"));
        spec.putObject("root").put("path", root.toString());
        runtime.create("c", BridgeJson.object().set("OciSpecification", spec));
        int pid = runtime.execute("c", BridgeJson.object(), null, null, null);
        // The working directory "/" is the rootfs (the layer), where the shell finds the layer's busybox.
        assertEquals(5, runtime.waitable("c", pid).released().get(10, TimeUnit.SECONDS));
        assertEquals("c UnexpectedExit", exited.get(10, TimeUnit.SECONDS));

        GuestError running = assertThrows(GuestError.class, () -> runtime.signal("c", pid, 15));
        assertEquals(HResults.E_ELEMENT_NOT_FOUND, running.hresult);
        assertEquals(HResults.V1_SYSTEM_NOT_FOUND,
                assertThrows(GuestError.class, () -> runtime.shutdown("nope", true)).hresult);
        runtime.deleteState("c");
        runtime.removeLayers(BridgeJson.object().put("ContainerRootPath", root.toString()));
        assertFalse(Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals(HResults.E_ELEMENT_NOT_FOUND, assertThrows(GuestError.class,
                () -> runtime.removeLayers(BridgeJson.object().put("ContainerRootPath", root.toString()))).hresult);
    }

    @Test
    void withoutCgroupsUpdateContainerIsNotImplementedWithTheReason(@TempDir Path dir) throws Exception {
        GuestRuntime runtime = new GuestRuntime(false, null, dir.resolve("vm"), (id, type) -> { });
        ObjectNode spec = BridgeJson.object();
        spec.set("process", EmulatedVm.process("true"));
        spec.putObject("root").put("path", dir.toString());
        runtime.create("c", BridgeJson.object().set("OciSpecification", spec));
        GuestError e = assertThrows(GuestError.class, () -> runtime.update("c", BridgeJson.object()));
        assertEquals(HResults.E_NOTIMPL, e.hresult);
        assertTrue(e.getMessage().contains("cgroups"), e.getMessage());
        assertEquals(HResults.V1_SYSTEM_NOT_FOUND,
                assertThrows(GuestError.class, () -> runtime.update("nope", BridgeJson.object())).hresult);
        runtime.deleteState("c");
    }
}
