package io.hcs4j.uvm.transport;

import io.hcs4j.platform.PrivateDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Where the unix-socket stand-in for hvsocket keeps a VM's sockets:
 * {@code ${HCS4J_HVSOCK_ROOT:-<runtime base>/hvsock}/<vm dir>}, the base being {@code /run/hcs4j} as root and
 * {@code $XDG_RUNTIME_DIR/hcs4j} otherwise ({@link PrivateDirectory#base}). Whoever could write there could take
 * the guest's connection, so the VM's directory is a {@link PrivateDirectory}. The host and the guest launcher
 * both use this, so they agree. Long or unusual VM ids are hashed so that socket paths stay under the 107-byte
 * limit of sun_path (with a user's runtime directory as the base too).
 */
public final class HvSocketDirs {
    public static final String ROOT_ENV = "HCS4J_HVSOCK_ROOT";
    /** Tells a guest agent its VM's socket directory. */
    public static final String DIR_ENV = "HCS4J_HVSOCK_DIR";

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._@-]{1,36}");

    private HvSocketDirs() {
    }

    public static Path root() {
        String root = System.getenv(ROOT_ENV);
        return root != null && !root.isEmpty() ? Path.of(root) : PrivateDirectory.base().resolve("hvsock");
    }

    public static Path forVm(String vmId) {
        return root().resolve(dirName(vmId));
    }

    static String dirName(String vmId) {
        if (PLAIN.matcher(vmId).matches() && !vmId.startsWith(".")) {
            return vmId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(vmId.getBytes(StandardCharsets.UTF_8));
            return "vm-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The socket file of a service in a VM's directory. */
    public static Path socket(Path vmDir, java.util.UUID serviceId) {
        return vmDir.resolve(serviceId.toString().toLowerCase(java.util.Locale.ROOT) + ".sock");
    }
}
