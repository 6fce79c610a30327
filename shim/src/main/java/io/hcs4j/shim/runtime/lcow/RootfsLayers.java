package io.hcs4j.shim.runtime.lcow;

import io.hcs4j.shim.runtime.ContainerSpec;
import io.hcs4j.shim.runtime.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A container's rootfs as the guest combines it: read-only layer directories, topmost first (overlay's
 * lowerdir order), and where its writes go. Built from the rootfs mounts containerd passes in Create, or from the
 * spec's root directory when there are none ({@code ctr run --config}).
 *
 * @param upperDir containerd's overlay upperdir, which must receive the container's writes (the snapshot keeps
 *                 them after the container); null where the guest's scratch may keep them (a read-only view, a
 *                 bind mount, no mounts)
 * @param workDir  the overlay workdir beside it; null when upperDir is
 */
record RootfsLayers(List<String> layers, String upperDir, String workDir) {

    /** @throws SpecException naming the mount or option that cannot become layers */
    static RootfsLayers of(ContainerSpec spec) throws SpecException {
        List<ContainerSpec.Layer> mounts = spec.layers();
        if (mounts.isEmpty()) {
            if (!Files.isDirectory(spec.rootPath())) {
                throw SpecException.precondition("no rootfs mounts and the spec's root " + spec.rootPath()
                        + " is not a directory", null);
            }
            return new RootfsLayers(List.of(spec.rootPath().toString()), null, null);
        }
        if (mounts.size() > 1) {
            throw SpecException.invalid("expected one rootfs mount, got " + mounts.size());
        }
        ContainerSpec.Layer m = mounts.get(0);
        return switch (m.type()) {
            case "overlay" -> overlay(m);
            case "bind", "rbind" -> {
                if (m.source().isEmpty()) {
                    throw SpecException.invalid("bind rootfs mount without a source");
                }
                yield new RootfsLayers(List.of(m.source()), null, null);
            }
            default -> throw SpecException.invalid("rootfs mount type " + m.type() + " cannot become LCOW layers"
                    + " (overlay, bind and lcow-layer can)");
        };
    }

    private static RootfsLayers overlay(ContainerSpec.Layer m) throws SpecException {
        List<String> lower = new ArrayList<>();
        String upper = null;
        String work = null;
        for (String option : m.options()) {
            if (option.startsWith("lowerdir=")) {
                lower.addAll(Arrays.asList(option.substring("lowerdir=".length()).split(":")));
            } else if (option.startsWith("upperdir=")) {
                upper = option.substring("upperdir=".length());
            } else if (option.startsWith("workdir=")) {
                work = option.substring("workdir=".length());
            }
        }
        lower.removeIf(String::isEmpty);
        if (lower.isEmpty()) {
            throw SpecException.invalid("overlay rootfs mount without lowerdir: " + m.options());
        }
        if (upper == null) {
            return new RootfsLayers(List.copyOf(lower), null, null);
        }
        if (work == null) {
            throw SpecException.invalid("overlay rootfs mount with an upperdir but no workdir: " + m.options());
        }
        if (!Path.of(upper).isAbsolute() || !Path.of(work).isAbsolute()) {
            throw SpecException.invalid("overlay upperdir and workdir must be absolute paths: " + m.options());
        }
        return new RootfsLayers(List.copyOf(lower), upper, work);
    }

    /**
     * Prepares the guest's own scratch directory. The guest keeps a container's writes in {@code <scratch>/upper}
     * (with {@code <scratch>/work}), and removes the scratch at DeleteContainerState; with an upperdir those two are
     * symbolic links to containerd's upperdir and workdir, so the writes land in the snapshot, and removing the
     * scratch (os.RemoveAll, which does not follow links) removes only the links.
     */
    void prepareScratch(Path scratch) throws IOException {
        Files.createDirectories(scratch);
        if (upperDir != null) {
            Files.createSymbolicLink(scratch.resolve("upper"), Path.of(upperDir));
            Files.createSymbolicLink(scratch.resolve("work"), Path.of(workDir));
        }
    }
}
