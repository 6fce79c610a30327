package io.hcs4j.shim.runtime.lcow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hcs4j.shim.runtime.ContainerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** containerd's rootfs mounts (as Create passes them) turned into LCOW combined layers. */
class RootfsLayersTest {
    @TempDir
    Path bundle;

    private ContainerSpec spec(ContainerSpec.Layer... mounts) {
        return new ContainerSpec("c1", bundle, List.of(mounts), bundle.resolve("rootfs"), false, Map.of());
    }

    private RootfsLayers layers(ContainerSpec.Layer... mounts) throws IOException {
        return RootfsLayers.of(spec(mounts), bundle.resolve("scratch"));
    }

    @Test
    void overlayLowerDirsAreLayersTopmostFirstAndTheSnapshotIsTheScratch() throws IOException {
        RootfsLayers l = layers(new ContainerSpec.Layer("overlay", "overlay", List.of("index=off",
                "workdir=/var/lib/c/snapshots/9/work", "upperdir=/var/lib/c/snapshots/9/fs",
                "lowerdir=/var/lib/c/snapshots/2/fs:/var/lib/c/snapshots/1/fs")));
        assertEquals(List.of("/var/lib/c/snapshots/2/fs", "/var/lib/c/snapshots/1/fs"), l.layers());
        assertEquals("/var/lib/c/snapshots/9", l.scratch());
    }

    @Test
    void aReadOnlyOverlayAndABindMountUseTheDefaultScratch() throws IOException {
        RootfsLayers view = layers(new ContainerSpec.Layer("overlay", "overlay", List.of("lowerdir=/a:/b")));
        assertEquals(List.of("/a", "/b"), view.layers());
        assertEquals(bundle.resolve("scratch").toString(), view.scratch());
        RootfsLayers bind = layers(new ContainerSpec.Layer("bind", "/snapshots/1/fs", List.of("ro", "rbind")));
        assertEquals(List.of("/snapshots/1/fs"), bind.layers());
        assertEquals(bundle.resolve("scratch").toString(), bind.scratch());
    }

    @Test
    void withoutMountsTheSpecRootDirectoryIsTheOnlyLayer() throws IOException {
        Files.createDirectories(bundle.resolve("rootfs"));
        RootfsLayers l = layers();
        assertEquals(List.of(bundle.resolve("rootfs").toString()), l.layers());
        assertEquals(bundle.resolve("scratch").toString(), l.scratch());
    }

    @Test
    void badMountsFailNamingTheProblem() {
        assertEquals("no rootfs mounts and the spec's root " + bundle.resolve("rootfs") + " is not a directory",
                assertThrows(IOException.class, this::layers).getMessage());
        assertEquals("overlay rootfs mount without lowerdir: [upperdir=/u/fs, workdir=/u/work]",
                assertThrows(IOException.class, () -> layers(new ContainerSpec.Layer("overlay", "overlay",
                        List.of("upperdir=/u/fs", "workdir=/u/work")))).getMessage());
        assertEquals("overlay upperdir fs has no parent directory to use as scratch",
                assertThrows(IOException.class, () -> layers(new ContainerSpec.Layer("overlay", "overlay",
                        List.of("lowerdir=/l", "upperdir=fs")))).getMessage());
        assertEquals("bind rootfs mount without a source", assertThrows(IOException.class,
                () -> layers(new ContainerSpec.Layer("bind", "", List.of()))).getMessage());
        assertEquals("rootfs mount type windows-layer cannot become LCOW layers (overlay and bind can)",
                assertThrows(IOException.class, () -> layers(new ContainerSpec.Layer("windows-layer", "C:\\l",
                        List.of()))).getMessage());
        assertEquals("expected one rootfs mount, got 2", assertThrows(IOException.class, () -> layers(
                new ContainerSpec.Layer("bind", "/a", List.of()), new ContainerSpec.Layer("bind", "/b", List.of())))
                .getMessage());
    }
}
