package io.hcs4j.shim.cli;

import io.hcs4j.platform.PrivateDirectory;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a shim listens, derived from (containerd address, namespace, id) so that a pod's containers can find
 * the sandbox's shim and delete can find a dead shim's socket. Unix socket paths must stay under 108 bytes,
 * hence a 128-bit hash under a short directory (HCS4J_SOCKET_DIR, default {@code /run/hcs4j/shim} as root and
 * {@code $XDG_RUNTIME_DIR/hcs4j/shim} otherwise), a {@link PrivateDirectory}: whoever could write it could
 * serve containerd in the shim's place.
 */
final class ShimAddress {
    private ShimAddress() {
    }

    static boolean windows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    static String of(String containerdAddress, String namespace, String id) {
        if (windows()) {
            return "\\\\.\\pipe\\ProtectedPrefix\\Administrators\\containerd-shim-" + namespace + "-" + id + "-pipe";
        }
        return "unix://" + socketPath(containerdAddress, namespace, id);
    }

    static Path socketPath(String containerdAddress, String namespace, String id) {
        String key = containerdAddress + "\0" + namespace + "\0" + id;
        // Two differently seeded 64-bit FNV-1a hashes: unique enough for names, and no crypto provider
        // to initialize on the start path.
        return socketDir().resolve(hex(fnv1a(key, 0xcbf29ce484222325L)) + hex(fnv1a(key, 0x84222325cbf29ce4L)) + ".sock");
    }

    /** The directory of every shim's socket. */
    static Path socketDir() {
        String dir = System.getenv("HCS4J_SOCKET_DIR");
        return dir == null || dir.isEmpty() ? PrivateDirectory.base().resolve("shim") : Path.of(dir);
    }

    private static long fnv1a(String s, long seed) {
        long h = seed;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static String hex(long v) {
        String h = Long.toHexString(v);
        return "0".repeat(16 - h.length()) + h;
    }

    static String logPipe(String namespace, String id) {
        return "\\\\.\\pipe\\containerd-shim-" + namespace + "-" + id + "-log";
    }
}
