package io.hcs4j.emulator.storage;

import io.hcs4j.hcs.raw.HResults;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.WString;
import io.hcs4j.cow.storage.LayerStorage;
import io.hcs4j.cow.storage.LayerStorageException;
import io.hcs4j.cow.storage.MountedLayers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatedComputeStorageTest {
    @TempDir
    Path dir;
    Path base;
    Path app;
    Path scratch;
    final LayerStorage storage = LayerStorage.of(new EmulatorStorageProvider());

    @BeforeEach
    void layers() throws IOException {
        base = Files.createDirectories(dir.resolve("base"));
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/os-release"), "base\n");
        Files.writeString(base.resolve("motd"), "from base\n");
        app = Files.createDirectories(dir.resolve("app"));
        Files.writeString(app.resolve("motd"), "from app\n");
        Files.writeString(app.resolve("run.sh"), "echo hi\n");
        scratch = Files.createDirectories(dir.resolve("scratch"));
    }

    private List<String> tree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void mountMergesLayersTopmostFirstAndUnmountRemovesTheCopies() throws IOException {
        try (MountedLayers m = storage.mount(List.of(app.toString(), base.toString(), scratch.toString()))) {
            assertEquals(scratch.toString(), m.path());
            assertEquals(List.of("etc", "etc/os-release", "motd", "run.sh"), tree(scratch));
            assertEquals("from app\n", Files.readString(scratch.resolve("motd")));
            assertEquals(2, m.parents().size());
            assertEquals(app.toString(), m.parents().get(0).path);
        }
        assertEquals(List.of(), tree(scratch));
        assertEquals(List.of("motd", "run.sh"), tree(app), "parent layers untouched");
    }

    @Test
    void whatTheContainerWroteStaysInTheWritableLayer() throws IOException {
        try (MountedLayers m = storage.mount(List.of(base.toString(), scratch.toString()))) {
            assertEquals(scratch.toString(), m.scratch());
            Files.writeString(scratch.resolve("new.txt"), "written\n");
            Files.writeString(scratch.resolve("motd"), "changed in the container\n");
            Files.delete(scratch.resolve("etc/os-release"));
        }
        assertEquals(List.of("motd", "new.txt"), tree(scratch));
        assertEquals("from base\n", Files.readString(base.resolve("motd")));
    }

    @Test
    void missingParentLayerFailsWithPathNotFoundAndLeavesNothing() {
        LayerStorageException e = assertThrows(LayerStorageException.class, () ->
                storage.mount(List.of(base.toString(), dir.resolve("nope").toString(), scratch.toString())));
        assertEquals(HResults.E_PATH_NOT_FOUND, e.hresult());
        assertTrue(e.getMessage().startsWith("HcsAttachLayerStorageFilter failed: HRESULT 0x80070003"), e.getMessage());
        assertFalse(((EmulatedComputeStorage) new EmulatorStorageProvider().computeStorage()).isAttached(scratch));
        assertEquals(List.of(), assertDoesNotThrowTree(scratch));
    }

    private List<String> assertDoesNotThrowTree(Path p) {
        try {
            return tree(p);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void attachingTwiceAndDetachingUnattachedAreRefused() throws IOException {
        try (MountedLayers m = storage.mount(List.of(base.toString(), scratch.toString()))) {
            assertEquals(1, m.parents().size());
            LayerStorageException twice = assertThrows(LayerStorageException.class,
                    () -> storage.mount(List.of(base.toString(), scratch.toString())));
            assertEquals(HResults.E_ALREADY_EXISTS, twice.hresult());
        }
        EmulatedComputeStorage raw = new EmulatedComputeStorage();
        assertEquals(HResults.E_ELEMENT_NOT_FOUND, raw.HcsDetachLayerStorageFilter(new WString(scratch.toString())));
    }

    @Test
    void badLayerDataAndTooFewLayersAreInvalidArguments() {
        EmulatedComputeStorage raw = new EmulatedComputeStorage();
        assertEquals(HResults.E_INVALIDARG,
                raw.HcsAttachLayerStorageFilter(new WString(scratch.toString()), new WString("{not json")));
        assertEquals(HResults.E_INVALIDARG,
                raw.HcsAttachLayerStorageFilter(new WString(scratch.toString()), new WString("{\"Layers\":{}}")));
        assertEquals(HResults.E_PATH_NOT_FOUND,
                raw.HcsAttachLayerStorageFilter(new WString(dir.resolve("none").toString()), new WString("{\"Layers\":[]}")));
        assertThrows(IllegalArgumentException.class, () -> storage.mount(List.of(scratch.toString())));
        assertEquals(HResults.E_NOTIMPL, raw.HcsFormatWritableLayerVhd(null));
    }

    @Test
    void layerIdsAreStablePerFolderName() throws IOException {
        assertEquals(storage.layerId("/x/base"), storage.layerId("C:\\layers\\base"));
        assertFalse(storage.layerId("/x/base").equals(storage.layerId("/x/app")));
    }
}
