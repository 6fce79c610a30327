package io.hcs4j.hcs;

import com.sun.jna.Pointer;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Owns one HCS handle: calls run under the read lock, close takes the write lock, so a handle is never closed while a
 * native call that uses it is still running, and every call after close fails with HANDLE_CLOSED.
 */
final class HandleGuard {
    interface Body<T> {
        T apply(Pointer handle) throws HcsException;
    }

    interface Closer {
        void close(Pointer handle);
    }

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private Pointer handle;

    HandleGuard(Pointer handle) {
        this.handle = handle;
    }

    <T> T call(String what, Body<T> body) throws HcsException {
        lock.readLock().lock();
        try {
            if (handle == null) {
                throw new HcsException(what, HcsErrorKind.HANDLE_CLOSED, "handle already closed");
            }
            return body.apply(handle);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Like {@link #call} but gives up (returns null) instead of waiting when a close is in progress. */
    <T> T tryCall(Body<T> body) throws HcsException {
        if (!lock.readLock().tryLock()) {
            return null;
        }
        try {
            return handle == null ? null : body.apply(handle);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Closes the handle once; returns false when it was already closed. */
    boolean close(Closer closer) {
        lock.writeLock().lock();
        try {
            if (handle == null) {
                return false;
            }
            closer.close(handle);
            handle = null;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }
}
