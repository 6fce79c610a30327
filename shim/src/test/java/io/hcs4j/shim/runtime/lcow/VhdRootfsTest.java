package io.hcs4j.shim.runtime.lcow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hcs4j.ext4.VhdFooter;
import io.hcs4j.shim.runtime.ContainerSpec;
import io.hcs4j.shim.runtime.SpecException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lcow-layer mounts and layer folders → the VHDs to attach, checked before anything is; no VM involved. */
class VhdRootfsTest {
    @TempDir
    Path work;

    /** A layer directory whose layer.vhd is a fixed VHD (its data need not be ext4 for these checks). */
    private Path layer(String name) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        Files.write(dir.resolve("layer.vhd"), new byte[4096]);
        VhdFooter.append(dir.resolve("layer.vhd"));
        return dir;
    }

    /** A snapshot directory whose sandbox.vhdx is an ext4 image of {@code blocks} 4 KiB blocks in {@code bytes}. */
    private Path scratch(String name, long blocks, int bytes) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        ByteBuffer image = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        image.putInt(1024 + 4, (int) blocks).putInt(1024 + 24, 2).putShort(1024 + 56, (short) 0xEF53);
        Files.write(dir.resolve("sandbox.vhdx"), image.array());
        return dir;
    }

    private static ContainerSpec spec(ContainerSpec.Layer... mounts) {
        return new ContainerSpec("c1", Path.of("/bundle"), List.of(mounts), Path.of("/bundle/rootfs"), false, Map.of());
    }

    private static ContainerSpec.Layer lcowLayer(Path source, String mode, String parents) {
        return new ContainerSpec.Layer("lcow-layer", source.toString(), List.of(mode, "parentLayerPaths=" + parents));
    }

    @Test
    void anActiveSnapshotIsItsScratchOverItsParentsTopmostFirst() throws IOException {
        Path top = layer("2");
        Path base = layer("1");
        Path active = scratch("3", 2, 8192);
        VhdRootfs r = VhdRootfs.of(spec(lcowLayer(active, "rw", "[\"" + top + "\",\"" + base + "\"]")), List.of());
        assertEquals(List.of(top.resolve("layer.vhd"), base.resolve("layer.vhd")), r.layers());
        assertEquals(active.resolve("sandbox.vhdx").toRealPath(), r.scratch());
        assertTrue(VhdRootfs.isVhdRootfs(spec(lcowLayer(active, "rw", "[]")), List.of()));
        assertFalse(VhdRootfs.isVhdRootfs(spec(new ContainerSpec.Layer("overlay", "overlay", List.of())), List.of()));
    }

    @Test
    void aViewIsItsOwnLayerOnTopAndHasNoScratch() throws IOException {
        Path view = layer("2");
        Path base = layer("1");
        VhdRootfs r = VhdRootfs.of(spec(lcowLayer(view, "ro", "[\"" + base + "\"]")), List.of());
        assertEquals(List.of(view.resolve("layer.vhd"), base.resolve("layer.vhd")), r.layers());
        assertNull(r.scratch());
    }

    @Test
    void aSharedScratchIsTheSandboxesFileAndLayerFoldersEndWithTheScratch() throws IOException {
        Path base = layer("1");
        Path sandbox = scratch("s", 2, 8192);
        Path container = Files.createDirectories(work.resolve("c"));
        Files.createSymbolicLink(container.resolve("sandbox.vhdx"), sandbox.resolve("sandbox.vhdx"));
        VhdRootfs r = VhdRootfs.of(spec(), List.of(base.toString(), container.toString()));
        assertEquals(List.of(base.resolve("layer.vhd")), r.layers());
        assertEquals(sandbox.resolve("sandbox.vhdx").toRealPath(), r.scratch());
        SpecException both = assertThrows(SpecException.class, () -> VhdRootfs.of(spec(lcowLayer(container, "rw", "[]")),
                List.of(base.toString(), container.toString())));
        assertEquals(SpecException.Kind.INVALID_ARGUMENT, both.kind());
    }

    @Test
    void aScratchMustBeAVhdxOrAWholeExt4Image() throws IOException {
        Path vhdx = Files.createDirectories(work.resolve("x"));
        Files.write(vhdx.resolve("sandbox.vhdx"), "vhdxfile and then the rest".getBytes());
        assertEquals(vhdx.resolve("sandbox.vhdx").toRealPath(), VhdRootfs.of(spec(lcowLayer(vhdx, "rw", "[]")),
                List.of()).scratch());
        Path exact = scratch("exact", 2, 8192);
        assertEquals(exact.resolve("sandbox.vhdx").toRealPath(),
                VhdRootfs.of(spec(lcowLayer(exact, "rw", "[]")), List.of()).scratch());
        Path shortImage = scratch("short", 3, 8192);
        SpecException wrongSize = assertThrows(SpecException.class,
                () -> VhdRootfs.of(spec(lcowLayer(shortImage, "rw", "[]")), List.of()));
        assertEquals("the scratch " + shortImage.resolve("sandbox.vhdx").toRealPath() + " has the wrong size: its file "
                + "system needs 12288 bytes, the file has 8192", wrongSize.getMessage());
        Path empty = Files.createDirectories(work.resolve("empty"));
        Files.write(empty.resolve("sandbox.vhdx"), new byte[0]);
        SpecException notADisk = assertThrows(SpecException.class,
                () -> VhdRootfs.of(spec(lcowLayer(empty, "rw", "[]")), List.of()));
        assertEquals(SpecException.Kind.FAILED_PRECONDITION, notADisk.kind());
        assertTrue(notADisk.getMessage().contains("is neither a VHDX nor an ext4 disk image"), notADisk.getMessage());
    }

    @Test
    void parentLayerPathsMustBeAJsonArrayOfPaths() throws IOException {
        Path active = scratch("3", 2, 8192);
        for (String bad : List.of("{\"a\":1}", "[1]", "[\"\"]", "\"C:\\\\l\"")) {
            SpecException e = assertThrows(SpecException.class,
                    () -> VhdRootfs.of(spec(lcowLayer(active, "rw", bad)), List.of()), bad);
            assertEquals(SpecException.Kind.INVALID_ARGUMENT, e.kind());
            assertTrue(e.getMessage().startsWith("lcow-layer option parentLayerPaths "), e.getMessage());
        }
        SpecException two = assertThrows(SpecException.class, () -> VhdRootfs.of(spec(lcowLayer(active, "rw", "[]"),
                lcowLayer(active, "rw", "[]")), List.of()));
        assertEquals("expected one lcow-layer rootfs mount, got 2 mounts", two.getMessage());
    }
}
