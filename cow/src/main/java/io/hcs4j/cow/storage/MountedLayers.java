package io.hcs4j.cow.storage;

import io.hcs4j.schema.v2.Layer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Layers mounted for one container: the root path to give HCS, the parent layers, and how to unmount (once). */
public final class MountedLayers implements AutoCloseable {
    /** The unmount action. */
    interface Unmount {
        void run() throws IOException;
    }

    private final String path;
    private final List<Layer> parents;
    private final String scratch;
    private final Unmount unmount;
    private final AtomicBoolean closed = new AtomicBoolean();

    MountedLayers(String path, List<Layer> parents, String scratch, Unmount unmount) {
        this.path = path;
        this.parents = List.copyOf(parents);
        this.scratch = scratch;
        this.unmount = unmount;
    }

    /** The container's root: Storage.Path (schema2) / VolumePath (schema1). */
    public String path() {
        return path;
    }

    /** The read-only parent layers, topmost first. */
    public List<Layer> parents() {
        return parents;
    }

    /** The writable layer's folder. */
    public String scratch() {
        return scratch;
    }

    /** Unmounts; later calls do nothing. */
    @Override
    public void close() throws IOException {
        if (closed.compareAndSet(false, true)) {
            unmount.run();
        }
    }
}
