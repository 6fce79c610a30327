package io.hcs4j.shim.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Where a shim listens, derived from (containerd address, namespace, id) so that a pod's containers can find
 * the sandbox's shim and delete can find a dead shim's socket. Unix socket paths must stay under 108 bytes,
 * hence a hash under a short directory (HCS4J_SOCKET_DIR, default /run/hcs4j).
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
        String dir = System.getenv().getOrDefault("HCS4J_SOCKET_DIR", "/run/hcs4j");
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest((containerdAddress + "\0" + namespace + "\0" + id).getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                hex.append(String.format("%02x", d[i]));
            }
            return Path.of(dir, hex + ".sock");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    static String logPipe(String namespace, String id) {
        return "\\\\.\\pipe\\containerd-shim-" + namespace + "-" + id + "-log";
    }
}
