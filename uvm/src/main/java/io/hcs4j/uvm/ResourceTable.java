package io.hcs4j.uvm;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reference counts of hot-added resources by key (host path, rootfs path...). Adds and removes of one VM are
 * serialised, as HCS modifies of one system must be.
 */
final class ResourceTable {
    interface Adder {
        /** Adds the resource and returns how to remove it. */
        Remover add() throws IOException;
    }

    interface Remover {
        void remove() throws IOException;
    }

    /** What an adder that chooses the guest path itself (from the slot it took) added. */
    record Placed(String guestPath, Remover remover) {
    }

    interface PlacingAdder {
        /** Adds the resource where it chooses and returns where and how to remove it. */
        Placed add() throws IOException;
    }

    private static final class Entry {
        final String guestPath;
        final Remover remover;
        int count;

        Entry(String guestPath, Remover remover) {
            this.guestPath = guestPath;
            this.remover = remover;
        }
    }

    private final Map<String, Entry> entries = new HashMap<>();

    synchronized Resource acquire(String key, String guestPath, Adder adder) throws IOException {
        return acquire(key, () -> new Placed(guestPath, adder.add()));
    }

    /** Like {@link #acquire(String, String, Adder)}, the guest path chosen by the first add. */
    synchronized Resource acquire(String key, PlacingAdder adder) throws IOException {
        Entry e = entries.get(key);
        if (e == null) {
            Placed placed = adder.add();
            e = new Entry(placed.guestPath(), placed.remover());
            entries.put(key, e);
        }
        e.count++;
        return handle(key, e.guestPath);
    }

    synchronized int count(String key) {
        Entry e = entries.get(key);
        return e == null ? 0 : e.count;
    }

    private Resource handle(String key, String guestPath) {
        AtomicBoolean closed = new AtomicBoolean();
        return new Resource() {
            @Override
            public String guestPath() {
                return guestPath;
            }

            @Override
            public void close() throws IOException {
                if (closed.compareAndSet(false, true)) {
                    release(key);
                }
            }
        };
    }

    private synchronized void release(String key) throws IOException {
        Entry e = entries.get(key);
        if (e == null || --e.count > 0) {
            return;
        }
        entries.remove(key);
        e.remover.remove();
    }
}
