package io.hcs4j.cow.storage;

import com.sun.jna.WString;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.ptr.LongByReference;
import io.hcs4j.cow.storage.spi.StorageProvider;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.v2.Layer;
import io.hcs4j.schema.v2.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Mounts the layers of a process-isolated Windows container. The OCI {@code windows.layerFolders} list names the
 * read-only parent layers, topmost first, then the container's writable (scratch) layer last. Through
 * computestorage.dll the layer storage filter is attached to the scratch folder, which becomes the container's root;
 * through the legacy vmcompute calls the scratch layer is activated and prepared and its volume path is the root.
 */
public final class LayerStorage {
    private final StorageProvider provider;

    private LayerStorage(StorageProvider provider) {
        this.provider = provider;
    }

    /** Storage over a provider: the selected backend's (uvm's {@code HostBackend}), or a test's. */
    public static LayerStorage of(StorageProvider provider) {
        return new LayerStorage(provider);
    }

    /** The layer id Windows derives from a layer folder's name (NameToGuid); a name-based UUID where that is absent. */
    public String layerId(String layerFolder) throws IOException {
        String name = fileName(layerFolder);
        VmComputeLayers v1 = provider.vmComputeLayers();
        if (v1 == null) {
            return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
        }
        Guid.GUID guid = new Guid.GUID();
        check("NameToGuid", v1.NameToGuid(new WString(name), guid), name);
        String s = guid.toGuidString();
        return s.substring(1, s.length() - 1).toLowerCase(Locale.ROOT);
    }

    /** The schema2 layers (id and path) of the parent layers in {@code layerFolders}, in the same order. */
    public List<Layer> parentLayers(List<String> layerFolders) throws IOException {
        requireLayers(layerFolders);
        List<Layer> out = new ArrayList<>();
        for (String folder : layerFolders.subList(0, layerFolders.size() - 1)) {
            Layer l = new Layer();
            l.id = layerId(folder);
            l.path = folder;
            out.add(l);
        }
        return out;
    }

    /** Mounts the layers; closing the result unmounts them (once). */
    public MountedLayers mount(List<String> layerFolders) throws IOException {
        List<Layer> parents = parentLayers(layerFolders);
        String scratch = layerFolders.get(layerFolders.size() - 1);
        ComputeStorage cs = provider.computeStorage();
        if (cs != null) {
            WString path = new WString(scratch);
            check("HcsAttachLayerStorageFilter", cs.HcsAttachLayerStorageFilter(path, new WString(layerData(parents))),
                    scratch);
            return new MountedLayers(scratch, parents, scratch,
                    () -> check("HcsDetachLayerStorageFilter", cs.HcsDetachLayerStorageFilter(path), scratch));
        }
        VmComputeLayers v1 = provider.vmComputeLayers();
        if (v1 == null) {
            throw new IllegalStateException(provider.name() + " offers neither computestorage nor vmcompute layers");
        }
        return mountLegacy(v1, scratch, parents);
    }

    private static MountedLayers mountLegacy(VmComputeLayers v1, String scratch, List<Layer> parents)
            throws IOException {
        VmComputeLayers.DriverInfo info = new VmComputeLayers.DriverInfo(parentOf(scratch));
        WString id = new WString(fileName(scratch));
        check("ActivateLayer", v1.ActivateLayer(info, id), scratch);
        try {
            VmComputeLayers.LayerDescriptor first = new VmComputeLayers.LayerDescriptor();
            VmComputeLayers.LayerDescriptor[] descriptors =
                    (VmComputeLayers.LayerDescriptor[]) first.toArray(Math.max(1, parents.size()));
            for (int i = 0; i < parents.size(); i++) {
                descriptors[i].layerId = new Guid.GUID("{" + parents.get(i).id + "}");
                descriptors[i].path = new WString(parents.get(i).path);
                descriptors[i].write();
            }
            check("PrepareLayer", v1.PrepareLayer(info, id, descriptors[0], parents.size()), scratch);
            try {
                LongByReference length = new LongByReference();
                check("GetLayerMountPath", v1.GetLayerMountPath(info, id, length, null), scratch);
                char[] buffer = new char[(int) length.getValue()];
                check("GetLayerMountPath", v1.GetLayerMountPath(info, id, length, buffer), scratch);
                String volume = com.sun.jna.Native.toString(buffer);
                return new MountedLayers(volume, parents, scratch, () -> {
                    try {
                        check("UnprepareLayer", v1.UnprepareLayer(info, id), scratch);
                    } finally {
                        check("DeactivateLayer", v1.DeactivateLayer(info, id), scratch);
                    }
                });
            } catch (IOException | RuntimeException e) {
                v1.UnprepareLayer(info, id);
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            v1.DeactivateLayer(info, id);
            throw e;
        }
    }

    /** The LayerData document computestorage takes: schema version 2.1 and the parent layers by absolute path. */
    static String layerData(List<Layer> parents) {
        Version v = new Version();
        v.major = 2;
        v.minor = 1;
        List<Layer> layers = new ArrayList<>();
        for (Layer p : parents) {
            Layer l = new Layer();
            l.id = p.id;
            l.path = p.path;
            l.pathType = "AbsolutePath";
            layers.add(l);
        }
        return Json.write(Map.of("SchemaVersion", v, "Layers", layers));
    }

    private static void requireLayers(List<String> layerFolders) {
        if (layerFolders == null || layerFolders.size() < 2) {
            throw new IllegalArgumentException(
                    "windows.layerFolders needs at least one parent layer and the scratch layer (got "
                            + (layerFolders == null ? 0 : layerFolders.size()) + ")");
        }
    }

    private static void check(String operation, int hresult, String path) throws LayerStorageException {
        if (hresult != 0) {
            throw new LayerStorageException(operation, hresult, path);
        }
    }

    private static String fileName(String folder) {
        Path name = Path.of(folder.replace('\\', '/')).getFileName();
        if (name == null) {
            throw new IllegalArgumentException("not a layer folder: " + folder);
        }
        return name.toString();
    }

    private static String parentOf(String folder) {
        int cut = Math.max(folder.lastIndexOf('\\'), folder.lastIndexOf('/'));
        return cut <= 0 ? folder : folder.substring(0, cut);
    }
}
