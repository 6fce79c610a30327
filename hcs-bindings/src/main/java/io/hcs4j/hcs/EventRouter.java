package io.hcs4j.hcs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Routes HCS notifications to their facade object by numeric context id. Native code only ever sees the id (as the
 * callback context), never a pointer to a Java object, so a late notification for a closed handle finds nothing and
 * is dropped.
 */
final class EventRouter {
    /** The notifications the facade acts on, normalised across HCS generations. */
    enum Kind { SYSTEM_EXITED, PROCESS_EXITED, SERVICE_DISCONNECT }

    interface Sink {
        void onEvent(Kind kind, String data);
    }

    private static final AtomicLong NEXT = new AtomicLong(1);
    private static final Map<Long, Sink> SINKS = new ConcurrentHashMap<>();

    private EventRouter() {
    }

    static long register(Sink sink) {
        long id = NEXT.getAndIncrement();
        SINKS.put(id, sink);
        return id;
    }

    static void unregister(long id) {
        SINKS.remove(id);
    }

    static void dispatch(long id, Kind kind, String data) {
        Sink sink = SINKS.get(id);
        if (sink != null) {
            sink.onEvent(kind, data);
        }
    }

    /** Number of live registrations (tests check it returns to its baseline). */
    static int registered() {
        return SINKS.size();
    }
}
