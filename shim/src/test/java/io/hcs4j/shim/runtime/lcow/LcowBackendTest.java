package io.hcs4j.shim.runtime.lcow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hcs4j.shim.runtime.ContainerSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** containerd's rootfs mounts become the guest's combined layers. */
class LcowBackendTest {
    private static ContainerSpec spec(List<ContainerSpec.Layer> layers) {
        return new ContainerSpec("c", Path.of("/bundle"), layers, Path.of("/bundle/rootfs"), false, Map.of());
    }

    @Test
    void overlayLowerdirsBecomeLayersTopFirst() throws IOException {
        var overlay = new ContainerSpec.Layer("overlay", "overlay",
                List.of("index=off", "workdir=/s/3/work", "upperdir=/s/3/fs", "lowerdir=/s/2/fs:/s/1/fs"));
        assertEquals(List.of("/s/2/fs", "/s/1/fs"), LcowBackend.layerPaths(spec(List.of(overlay))));
    }

    @Test
    void aBindMountIsOneLayerAndNoMountMeansTheRootDirectory() throws IOException {
        var bind = new ContainerSpec.Layer("bind", "/s/1/fs", List.of("ro", "rbind"));
        assertEquals(List.of("/s/1/fs"), LcowBackend.layerPaths(spec(List.of(bind))));
        assertEquals(List.of("/bundle/rootfs"), LcowBackend.layerPaths(spec(List.of())));
    }

    @Test
    void otherMountTypesAreRefused() {
        var tmpfs = new ContainerSpec.Layer("tmpfs", "tmpfs", List.of());
        assertThrows(IOException.class, () -> LcowBackend.layerPaths(spec(List.of(tmpfs))));
    }
}
