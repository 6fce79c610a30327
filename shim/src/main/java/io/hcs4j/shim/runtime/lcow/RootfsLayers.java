package io.hcs4j.shim.runtime.lcow;

import io.hcs4j.shim.runtime.ContainerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A container's rootfs as the guest combines it: read-only layer directories, topmost first (overlay's
 * lowerdir order), and a scratch directory for writes. Built from the rootfs mounts containerd passes in
 * Create, or from the spec's root directory when there are none ({@code ctr run --config}).
 */
record RootfsLayers(List<String> layers, String scratch) {

    /**
     * @param defaultScratch the scratch directory to use where the mounts name none (bind, or no mounts)
     * @throws IOException naming the mount or option that cannot become layers
     */
    static RootfsLayers of(ContainerSpec spec, Path defaultScratch) throws IOException {
        List<ContainerSpec.Layer> mounts = spec.layers();
        if (mounts.isEmpty()) {
            if (!Files.isDirectory(spec.rootPath())) {
                throw new IOException("no rootfs mounts and the spec's root " + spec.rootPath() + " is not a directory");
            }
            return new RootfsLayers(List.of(spec.rootPath().toString()), defaultScratch.toString());
        }
        if (mounts.size() > 1) {
            throw new IOException("expected one rootfs mount, got " + mounts.size());
        }
        ContainerSpec.Layer m = mounts.get(0);
        return switch (m.type()) {
            case "overlay" -> overlay(m, defaultScratch);
            case "bind", "rbind" -> {
                if (m.source().isEmpty()) {
                    throw new IOException("bind rootfs mount without a source");
                }
                yield new RootfsLayers(List.of(m.source()), defaultScratch.toString());
            }
            default -> throw new IOException("rootfs mount type " + m.type() + " cannot become LCOW layers"
                    + " (overlay and bind can)");
        };
    }

    private static RootfsLayers overlay(ContainerSpec.Layer m, Path defaultScratch) throws IOException {
        List<String> lower = new ArrayList<>();
        String upper = null;
        for (String option : m.options()) {
            if (option.startsWith("lowerdir=")) {
                lower.addAll(Arrays.asList(option.substring("lowerdir=".length()).split(":")));
            } else if (option.startsWith("upperdir=")) {
                upper = option.substring("upperdir=".length());
            }
        }
        lower.removeIf(String::isEmpty);
        if (lower.isEmpty()) {
            throw new IOException("overlay rootfs mount without lowerdir: " + m.options());
        }
        if (upper == null) {
            // A read-only view (no upperdir): the guest still needs somewhere to put its writes.
            return new RootfsLayers(List.copyOf(lower), defaultScratch.toString());
        }
        // containerd's snapshot keeps upperdir "fs" and workdir "work" side by side: the snapshot directory is
        // the scratch, in which the guest keeps its own upper and work directories.
        Path snapshot = Path.of(upper).getParent();
        if (snapshot == null) {
            throw new IOException("overlay upperdir " + upper + " has no parent directory to use as scratch");
        }
        return new RootfsLayers(List.copyOf(lower), snapshot.toString());
    }
}
