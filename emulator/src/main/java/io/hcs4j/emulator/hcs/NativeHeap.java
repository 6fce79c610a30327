package io.hcs4j.emulator.hcs;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.hcs4j.hcs.raw.Utf16;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Native memory the emulator hands out the way HCS does (UTF-16 result strings the caller must free, event data it
 * frees itself), tracked so tests can assert that every string was freed once, by the right function.
 */
public final class NativeHeap {
    /** Which free function owns an allocation. */
    enum Allocator { LOCAL, CO_TASK_MEM, EMULATOR }

    private final Map<Long, Allocator> live = new ConcurrentHashMap<>();
    private final AtomicLong allocations = new AtomicLong();
    private final AtomicLong mismatches = new AtomicLong();

    Pointer allocate(String s, Allocator allocator) {
        byte[] bytes = Utf16.encode(s);
        long address = Native.malloc(bytes.length);
        if (address == 0) {
            throw new OutOfMemoryError("malloc(" + bytes.length + ")");
        }
        Pointer p = new Pointer(address);
        p.write(0, bytes, 0, bytes.length);
        live.put(address, allocator);
        allocations.incrementAndGet();
        return p;
    }

    /** Frees {@code p}; a pointer this heap does not own (double free, foreign pointer) is a caller bug. */
    void free(Pointer p, Allocator expected) {
        if (p == null) {
            return;
        }
        long address = Pointer.nativeValue(p);
        Allocator actual = live.remove(address);
        if (actual == null) {
            throw new IllegalStateException("free of a pointer the emulator did not allocate (double free?)");
        }
        if (actual != expected) {
            mismatches.incrementAndGet();
        }
        Native.free(address);
    }

    /**
     * Result strings handed to the caller and not yet freed. Event data the emulator frees itself after the callback
     * returns is not counted: it may be in flight at any moment.
     */
    public long outstanding() {
        return live.values().stream().filter(a -> a != Allocator.EMULATOR).count();
    }

    /** Strings ever allocated. */
    public long allocations() {
        return allocations.get();
    }

    /** Frees done with the wrong function (LocalFree for a CoTaskMem string or the reverse). */
    public long mismatchedFrees() {
        return mismatches.get();
    }
}
