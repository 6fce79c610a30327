package io.hcs4j.shim.runtime;

import io.hcs4j.shim.api.runhcs.Options;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a backend needs to build a container: its id, the bundle, the rootfs layers containerd passed in
 * Create (empty when the spec's root path is already a directory), the root path, annotations and the runtime
 * options containerd passed (or the shim's defaults).
 */
public record ContainerSpec(String id, Path bundle, List<Layer> layers, Path rootPath, boolean readonlyRoot,
        Map<String, String> annotations, Options options) {

    /** A spec with the default runtime options. */
    public ContainerSpec(String id, Path bundle, List<Layer> layers, Path rootPath, boolean readonlyRoot,
                         Map<String, String> annotations) {
        this(id, bundle, layers, rootPath, readonlyRoot, annotations, Options.getDefaultInstance());
    }

    /** One rootfs mount from containerd (type, source, options), in Create's order. */
    public record Layer(String type, String source, List<String> options) {
    }
}
