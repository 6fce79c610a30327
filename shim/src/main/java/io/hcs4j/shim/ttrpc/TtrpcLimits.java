package io.hcs4j.shim.ttrpc;

import java.time.Duration;
import java.util.Map;

/**
 * What a ttrpc server grants its clients. containerd keeps one long-lived connection per shim (a second one
 * only briefly, across a containerd restart), sends whole frames in one write, and has a handful of requests
 * in flight: a Wait per task and exec (which holds no worker) while Start, State, Kill... come and go. The
 * defaults are far above that and bound what a client that misbehaves can take.
 *
 * @param maxConnections     connections served at once; more are closed at accept with a warning
 * @param maxInFlight        requests of one connection between their frame and their written response; at the
 *                           bound the server stops reading that connection until a response has been written
 * @param workers            threads that run handlers, shared by all connections (started on demand)
 * @param frameTimeout       how long a frame may take from its first byte to its last; a connection that
 *                           stalls inside a frame is closed. Between frames a connection may idle for ever, as
 *                           upstream ttrpc allows: containerd's connection can go hours without a request
 */
public record TtrpcLimits(int maxConnections, int maxInFlight, int workers, Duration frameTimeout) {
    public static final TtrpcLimits DEFAULTS = new TtrpcLimits(64, 1024, 16, Duration.ofSeconds(10));

    public TtrpcLimits {
        if (maxConnections < 1 || maxInFlight < 1 || workers < 1 || frameTimeout.isNegative() || frameTimeout.isZero()) {
            throw new IllegalArgumentException("ttrpc limits must be positive: " + maxConnections + ", " + maxInFlight
                    + ", " + workers + ", " + frameTimeout);
        }
    }

    /** The defaults, each overridable by its HCS4J_TTRPC_* variable. */
    public static TtrpcLimits fromEnvironment() {
        return from(System.getenv());
    }

    static TtrpcLimits from(Map<String, String> env) {
        return new TtrpcLimits(
                number(env, "HCS4J_TTRPC_MAX_CONNECTIONS", DEFAULTS.maxConnections),
                number(env, "HCS4J_TTRPC_MAX_IN_FLIGHT", DEFAULTS.maxInFlight),
                number(env, "HCS4J_TTRPC_WORKERS", DEFAULTS.workers),
                Duration.ofMillis(number(env, "HCS4J_TTRPC_FRAME_TIMEOUT_MS", (int) DEFAULTS.frameTimeout.toMillis())));
    }

    private static int number(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive integer, not '" + v + "'");
    }
}
