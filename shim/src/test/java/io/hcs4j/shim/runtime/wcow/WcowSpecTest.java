package io.hcs4j.shim.runtime.wcow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hcs4j.shim.runtime.ContainerSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** containerd's windows-layer mount (or the spec's layerFolders) becomes the container's layer folders. */
class WcowSpecTest {
    private static ContainerSpec spec(List<ContainerSpec.Layer> layers) {
        return new ContainerSpec("c", Path.of("/bundle"), layers, Path.of("/bundle/rootfs"), false, Map.of());
    }

    @Test
    void windowsLayerMountGivesParentsThenTheWritableLayer() throws IOException {
        var layer = new ContainerSpec.Layer("windows-layer", "C:\\sn\\3",
                List.of("rw", "parentLayerPaths=[\"C:\\\\sn\\\\2\",\"C:\\\\sn\\\\1\"]"));
        assertEquals(List.of("C:\\sn\\2", "C:\\sn\\1", "C:\\sn\\3"), WcowSpec.layerFolders(spec(List.of(layer)), null));
    }

    @Test
    void specLayerFoldersResolveAgainstTheBundle() throws IOException {
        assertEquals(List.of("/bundle/layers/app", "/abs/base"),
                WcowSpec.layerFolders(spec(List.of()), List.of("layers/app", "/abs/base")));
    }

    @Test
    void linuxMountsAreRefused() {
        var overlay = new ContainerSpec.Layer("overlay", "overlay", List.of());
        assertThrows(IOException.class, () -> WcowSpec.layerFolders(spec(List.of(overlay)), null));
    }
}
