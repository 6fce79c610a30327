package io.hcs4j.shim.runtime.wcow;

import io.hcs4j.schema.Json;
import io.hcs4j.schema.SchemaException;
import io.hcs4j.schema.oci.Spec;
import io.hcs4j.shim.runtime.ContainerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Windows task's OCI spec as both Windows paths read it: the bundle's config.json with its
 * {@code windows.layerFolders} the task's layers, from the {@code windows-layer} mount containerd passes in Create
 * (source = the writable layer, option {@code parentLayerPaths=[...]}) or else from the spec's own list.
 */
final class WcowSpec {
    private static final String PARENTS_OPTION = "parentLayerPaths=";

    private WcowSpec() {
    }

    /** @throws IllegalArgumentException when config.json is not a valid OCI spec */
    static Spec read(ContainerSpec spec) throws IOException {
        Spec oci;
        try {
            oci = Json.read(Files.readString(spec.bundle().resolve("config.json")), Spec.class);
        } catch (SchemaException e) {
            throw new IllegalArgumentException("config.json: " + e.getMessage(), e);
        }
        oci.windows.layerFolders = layerFolders(spec, oci.windows.layerFolders);
        return oci;
    }

    /** The layer folders, parents first and the writable layer last; the spec's own relative to the bundle. */
    static List<String> layerFolders(ContainerSpec spec, List<String> fromSpec) throws IOException {
        List<String> folders = new ArrayList<>();
        for (ContainerSpec.Layer l : spec.layers()) {
            if (!l.type().equals("windows-layer")) {
                throw new IOException("rootfs mount type " + l.type() + " is not a Windows layer");
            }
            for (String o : l.options()) {
                if (o.startsWith(PARENTS_OPTION)) {
                    for (var n : Json.mapper().readTree(o.substring(PARENTS_OPTION.length()))) {
                        folders.add(n.asText());
                    }
                }
            }
            folders.add(l.source()); // the writable layer comes last
        }
        if (folders.isEmpty() && fromSpec != null) {
            for (String f : fromSpec) {
                Path p = Path.of(f);
                folders.add((p.isAbsolute() ? p : spec.bundle().resolve(p)).normalize().toString());
            }
        }
        return folders;
    }
}
