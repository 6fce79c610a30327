package io.hcs4j.emulator.storage;

import io.hcs4j.hcs.raw.HResults;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.PointerByReference;
import io.hcs4j.cow.storage.ComputeStorage;
import io.hcs4j.platform.FileTrees;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.SchemaException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * computestorage.dll on a host without it. Attaching the "layer storage filter" to a writable layer folder makes that
 * folder the container's merged root: every file of the parent layers (topmost first, so upper layers win) that the
 * writable layer lacks is copied in. Detaching removes the copies the container left unchanged; files it created or
 * changed stay in the writable layer, as they would in a real scratch layer. Copies, not links: a container writing
 * to a file must never change a shared parent layer.
 *
 * <p>HRESULTs as Windows reports them: bad arguments E_INVALIDARG, missing folders ERROR_PATH_NOT_FOUND, attaching
 * twice ERROR_ALREADY_EXISTS, detaching a folder without a filter ERROR_NOT_FOUND. The VHD and import/export calls
 * need Windows' virtual disks and backup streams and answer E_NOTIMPL.
 */
public final class EmulatedComputeStorage implements ComputeStorage {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatedComputeStorage.class);

    /** A file copied in from a parent layer, with what it looked like then (to tell later writes apart). */
    private record Copy(Path path, long size, FileTime modified) {
    }

    /** Per attached writable layer: what was copied in (parents before children) and the directories created. */
    private record Attachment(List<Copy> files, List<Path> directories) {
    }

    private final Map<Path, Attachment> attached = new HashMap<>();

    /** Fails a call with an HRESULT. */
    private static final class Fault extends RuntimeException {
        final int hresult;

        Fault(int hresult, String message) {
            super(message);
            this.hresult = hresult;
        }
    }

    private interface Call {
        void run() throws IOException;
    }

    private static int call(String name, Call body) {
        try {
            body.run();
            return 0;
        } catch (Fault f) {
            LOG.debug("{}: 0x{}: {}", name, Integer.toHexString(f.hresult), f.getMessage());
            return f.hresult;
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("{}: {}", name, e.toString());
            return HResults.E_FAIL;
        }
    }

    @Override
    public int HcsAttachLayerStorageFilter(WString layerPath, WString layerData) {
        return call("HcsAttachLayerStorageFilter", () -> {
            Path root = existingDirectory(layerPath);
            List<Path> parents = parentsOf(layerData);
            synchronized (this) {
                if (attached.containsKey(root)) {
                    throw new Fault(HResults.E_ALREADY_EXISTS, "a layer storage filter is already attached to " + root);
                }
                Attachment a = new Attachment(new ArrayList<>(), new ArrayList<>());
                try {
                    for (Path parent : parents) {
                        merge(parent, root, a);
                    }
                } catch (IOException | RuntimeException e) {
                    undo(a);
                    throw e;
                }
                attached.put(root, a);
            }
        });
    }

    @Override
    public int HcsDetachLayerStorageFilter(WString layerPath) {
        return call("HcsDetachLayerStorageFilter", () -> {
            Path root = Path.of(str(layerPath)).toAbsolutePath().normalize();
            Attachment a;
            synchronized (this) {
                a = attached.remove(root);
            }
            if (a == null) {
                throw new Fault(HResults.E_ELEMENT_NOT_FOUND, "no layer storage filter is attached to " + root);
            }
            undo(a);
        });
    }

    @Override
    public int HcsInitializeWritableLayer(WString writableLayerPath, WString layerData, WString options) {
        return call("HcsInitializeWritableLayer", () -> {
            parentsOf(layerData);
            Files.createDirectories(Path.of(str(writableLayerPath)));
        });
    }

    @Override
    public int HcsDestroyLayer(WString layerPath) {
        return call("HcsDestroyLayer", () -> {
            Path root = existingDirectory(layerPath);
            synchronized (this) {
                if (attached.containsKey(root)) {
                    throw new Fault(0x80070020, "layer " + root + " is in use (filter attached)"); // sharing violation
                }
            }
            FileTrees.delete(root);
        });
    }

    @Override
    public int HcsImportLayer(WString layerPath, WString sourceFolderPath, WString layerData) {
        return unimplemented("HcsImportLayer");
    }

    @Override
    public int HcsExportLayer(WString layerPath, WString exportFolderPath, WString layerData, WString options) {
        return unimplemented("HcsExportLayer");
    }

    @Override
    public int HcsExportLegacyWritableLayer(WString writableLayerMountPath, WString writableLayerFolderPath,
                                            WString exportFolderPath, WString layerData) {
        return unimplemented("HcsExportLegacyWritableLayer");
    }

    @Override
    public int HcsSetupBaseOSLayer(WString layerPath, Pointer vhdHandle, WString options) {
        return unimplemented("HcsSetupBaseOSLayer");
    }

    @Override
    public int HcsInitializeLegacyWritableLayer(WString writableLayerMountPath, WString writableLayerFolderPath,
                                                WString layerData, WString options) {
        return unimplemented("HcsInitializeLegacyWritableLayer");
    }

    @Override
    public int HcsFormatWritableLayerVhd(Pointer vhdHandle) {
        return unimplemented("HcsFormatWritableLayerVhd");
    }

    @Override
    public int HcsGetLayerVhdMountPath(Pointer vhdHandle, PointerByReference mountPath) {
        return unimplemented("HcsGetLayerVhdMountPath");
    }

    @Override
    public int HcsSetupBaseOSVolume(WString layerPath, WString volumePath, WString options) {
        return unimplemented("HcsSetupBaseOSVolume");
    }

    private static int unimplemented(String name) {
        LOG.debug("{}: Unimplemented: needs Windows virtual disks / backup streams", name);
        return HResults.E_NOTIMPL;
    }

    /** Whether a filter is attached to the folder (for tests and diagnostics). */
    public synchronized boolean isAttached(Path layerPath) {
        return attached.containsKey(layerPath.toAbsolutePath().normalize());
    }

    private static String str(WString s) {
        if (s == null || s.length() == 0) {
            throw new Fault(HResults.E_INVALIDARG, "missing path");
        }
        return s.toString();
    }

    private static Path existingDirectory(WString path) {
        Path p = Path.of(str(path)).toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            throw new Fault(HResults.E_PATH_NOT_FOUND, "no such layer folder: " + p);
        }
        return p;
    }

    /** LayerData: {"SchemaVersion":{...},"Layers":[{"Id","Path","PathType"}...]}; every Path an existing folder. */
    private static List<Path> parentsOf(WString layerData) {
        JsonNode doc;
        try {
            doc = Json.tree(str(layerData));
        } catch (SchemaException e) {
            throw new Fault(HResults.E_INVALIDARG, "layerData is not JSON: " + e.getMessage());
        }
        JsonNode layers = doc.path("Layers");
        if (!layers.isArray()) {
            throw new Fault(HResults.E_INVALIDARG, "layerData has no Layers array");
        }
        List<Path> out = new ArrayList<>();
        for (JsonNode l : layers) {
            String path = l.path("Path").asText("");
            if (path.isEmpty()) {
                throw new Fault(HResults.E_INVALIDARG, "layer without a Path in layerData");
            }
            out.add(existingDirectory(new WString(path)));
        }
        return out;
    }

    /** Copies what {@code root} lacks from {@code parent}. */
    private static void merge(Path parent, Path root, Attachment a) throws IOException {
        Files.walkFileTree(parent, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = root.resolve(parent.relativize(dir).toString());
                if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(target);
                    a.directories().add(target);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = root.resolve(parent.relativize(file).toString());
                if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    BasicFileAttributes now = Files.readAttributes(target, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    a.files().add(new Copy(target, now.size(), now.lastModifiedTime()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Removes the unchanged copies, then the directories created that are empty now (deepest first). */
    private static void undo(Attachment a) throws IOException {
        for (Copy c : a.files()) {
            try {
                BasicFileAttributes now = Files.readAttributes(c.path(), BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (now.size() == c.size() && now.lastModifiedTime().equals(c.modified())) {
                    Files.delete(c.path());
                }
            } catch (NoSuchFileException gone) {
                // the container deleted it: nothing to undo
            }
        }
        for (int i = a.directories().size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(a.directories().get(i));
            } catch (DirectoryNotEmptyException kept) {
                // holds files the container wrote
            }
        }
    }
}
