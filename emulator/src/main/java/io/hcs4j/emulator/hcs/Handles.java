package io.hcs4j.emulator.hcs;

import com.sun.jna.Pointer;
import io.hcs4j.hcs.raw.HResults;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opaque handle values for emulated HCS objects. A handle is a number, never a Java reference, so a stale or forged
 * handle is simply not found (E_HANDLE), as with a real handle table.
 */
final class Handles {
    private final AtomicLong next = new AtomicLong(0x1000);
    private final Map<Long, Object> table = new ConcurrentHashMap<>();

    Pointer add(Object o) {
        long h = next.getAndAdd(8);
        table.put(h, o);
        return new Pointer(h);
    }

    <T> T get(Pointer handle, Class<T> type) {
        Object o = handle == null ? null : table.get(Pointer.nativeValue(handle));
        if (!type.isInstance(o)) {
            throw new HcsFault(HResults.E_HANDLE, "invalid " + type.getSimpleName() + " handle");
        }
        return type.cast(o);
    }

    <T> T remove(Pointer handle, Class<T> type) {
        T o = get(handle, type);
        table.remove(Pointer.nativeValue(handle));
        return o;
    }

    int size() {
        return table.size();
    }
}
