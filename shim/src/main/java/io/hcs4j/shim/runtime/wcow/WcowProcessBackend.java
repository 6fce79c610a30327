package io.hcs4j.shim.runtime.wcow;

import io.hcs4j.cow.Container;
import io.hcs4j.cow.hcs.HcsContainer;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.SchemaException;
import io.hcs4j.schema.oci.Spec;
import io.hcs4j.shim.runtime.ContainerBackend;
import io.hcs4j.shim.runtime.ContainerSpec;
import io.hcs4j.uvm.backend.HostBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Process-isolated Windows containers: an HCS compute system per task (io.hcs4j.cow's HcsContainer, which
 * HCS can pause and resume, and whose close terminates it and unmounts its layers) on the task's layers. The layers come from the spec's windows.layerFolders, or from the {@code windows-layer} mount
 * containerd passes in Create (source = the writable layer, option {@code parentLayerPaths=[...]}).
 */
public final class WcowProcessBackend implements ContainerBackend {
    private static final String OWNER = "containerd-shim-runhcs-v1";
    private static final String PARENTS_OPTION = "parentLayerPaths=";

    private final Supplier<HostBackend> host;

    /** @param host the shim's one backend: its HCS and layer storage */
    public WcowProcessBackend(Supplier<HostBackend> host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "wcow-process";
    }

    @Override
    public Container create(ContainerSpec spec) throws IOException {
        Spec oci;
        try {
            oci = Json.read(Files.readString(spec.bundle().resolve("config.json")), Spec.class);
        } catch (SchemaException e) {
            throw new IllegalArgumentException("config.json: " + e.getMessage(), e);
        }
        oci.windows.layerFolders = layerFolders(spec, oci.windows.layerFolders);
        HostBackend backend = host.get();
        return HcsContainer.create(backend.hcs(), backend.storage(), spec.id(), oci, OWNER, HcsContainer.Schema.V2);
    }

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
