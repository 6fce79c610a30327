package io.hcs4j.shim.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a backend needs to build a container: its id, the bundle, the rootfs layers containerd passed in
 * Create (empty when the spec's root path is already a directory), the root path, and the annotations, which the
 * runtime options containerd passed have filled where the spec left them out.
 */
public record ContainerSpec(String id, Path bundle, List<Layer> layers, Path rootPath, boolean readonlyRoot,
        Map<String, String> annotations) {

    /** One rootfs mount from containerd (type, source, options), in Create's order. */
    public record Layer(String type, String source, List<String> options) {
    }
}
