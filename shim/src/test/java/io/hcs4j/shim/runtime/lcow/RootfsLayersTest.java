package io.hcs4j.shim.runtime.lcow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hcs4j.shim.runtime.ContainerSpec;
import io.hcs4j.shim.runtime.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
        return RootfsLayers.of(spec(mounts));
    }

    @Test
    void overlayLowerDirsAreLayersTopmostFirstAndWritesGoToTheUpperDir() throws IOException {
        RootfsLayers l = layers(new ContainerSpec.Layer("overlay", "overlay", List.of("index=off",
                "workdir=/var/lib/c/snapshots/9/work", "upperdir=/var/lib/c/snapshots/9/fs",
                "lowerdir=/var/lib/c/snapshots/2/fs:/var/lib/c/snapshots/1/fs")));
        assertEquals(List.of("/var/lib/c/snapshots/2/fs", "/var/lib/c/snapshots/1/fs"), l.layers());
        assertEquals("/var/lib/c/snapshots/9/fs", l.upperDir());
        assertEquals("/var/lib/c/snapshots/9/work", l.workDir());
    }

    @Test
    void theGuestsScratchIsItsOwnAndLinksToTheSnapshotsUpperAndWorkDirs() throws IOException {
        Path snapshot = Files.createDirectories(bundle.resolve("snapshots/9"));
        Files.createDirectories(snapshot.resolve("fs"));
        Files.createDirectories(snapshot.resolve("work"));
        RootfsLayers l = layers(new ContainerSpec.Layer("overlay", "overlay", List.of(
                "workdir=" + snapshot.resolve("work"), "upperdir=" + snapshot.resolve("fs"), "lowerdir=/l")));
        Path scratch = bundle.resolve("lcow/scratch");
        l.prepareScratch(scratch);
        assertTrue(Files.isDirectory(scratch, LinkOption.NOFOLLOW_LINKS), "a directory of the guest's own");
        assertEquals(snapshot.resolve("fs"), Files.readSymbolicLink(scratch.resolve("upper")));
        assertEquals(snapshot.resolve("work"), Files.readSymbolicLink(scratch.resolve("work")));
        try (var entries = Files.list(snapshot)) {
            assertEquals(List.of("fs", "work"), entries.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the snapshot is not touched");
        }

        Path plain = bundle.resolve("other/scratch");
        layers(new ContainerSpec.Layer("overlay", "overlay", List.of("lowerdir=/a"))).prepareScratch(plain);
        try (var entries = Files.list(plain)) {
            assertEquals(0, entries.count(), "without an upperdir the guest keeps the writes itself");
        }
    }

    @Test
    void aReadOnlyOverlayAndABindMountUseTheDefaultScratch() throws IOException {
        RootfsLayers view = layers(new ContainerSpec.Layer("overlay", "overlay", List.of("lowerdir=/a:/b")));
        assertEquals(List.of("/a", "/b"), view.layers());
        assertNull(view.upperDir());
        RootfsLayers bind = layers(new ContainerSpec.Layer("bind", "/snapshots/1/fs", List.of("ro", "rbind")));
        assertEquals(List.of("/snapshots/1/fs"), bind.layers());
        assertNull(bind.upperDir());
    }

    @Test
    void withoutMountsTheSpecRootDirectoryIsTheOnlyLayer() throws IOException {
        Files.createDirectories(bundle.resolve("rootfs"));
        RootfsLayers l = layers();
        assertEquals(List.of(bundle.resolve("rootfs").toString()), l.layers());
        assertNull(l.upperDir());
    }

    @Test
    void badMountsFailNamingTheProblem() {
        assertEquals("no rootfs mounts and the spec's root " + bundle.resolve("rootfs") + " is not a directory",
                assertThrows(IOException.class, this::layers).getMessage());
        assertEquals("overlay rootfs mount without lowerdir: [upperdir=/u/fs, workdir=/u/work]",
                assertThrows(SpecException.class, () -> layers(new ContainerSpec.Layer("overlay", "overlay",
                        List.of("upperdir=/u/fs", "workdir=/u/work")))).getMessage());
        assertEquals("overlay rootfs mount with an upperdir but no workdir: [lowerdir=/l, upperdir=/u/fs]",
                assertThrows(SpecException.class, () -> layers(new ContainerSpec.Layer("overlay", "overlay",
                        List.of("lowerdir=/l", "upperdir=/u/fs")))).getMessage());
        assertEquals("overlay upperdir and workdir must be absolute paths: [lowerdir=/l, upperdir=fs, workdir=work]",
                assertThrows(SpecException.class, () -> layers(new ContainerSpec.Layer("overlay", "overlay",
                        List.of("lowerdir=/l", "upperdir=fs", "workdir=work")))).getMessage());
        assertEquals("bind rootfs mount without a source", assertThrows(SpecException.class,
                () -> layers(new ContainerSpec.Layer("bind", "", List.of()))).getMessage());
        assertEquals("rootfs mount type windows-layer cannot become LCOW layers (overlay, bind and lcow-layer can)",
                assertThrows(SpecException.class, () -> layers(new ContainerSpec.Layer("windows-layer", "C:\\l",
                        List.of()))).getMessage());
        assertEquals("expected one rootfs mount, got 2", assertThrows(SpecException.class, () -> layers(
                new ContainerSpec.Layer("bind", "/a", List.of()), new ContainerSpec.Layer("bind", "/b", List.of())))
                .getMessage());
    }
}
