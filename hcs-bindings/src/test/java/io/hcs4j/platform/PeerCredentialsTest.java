package io.hcs4j.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A unix socket peer of another user is refused, whichever side dialled; our own processes are accepted. */
@Timeout(120)
class PeerCredentialsTest {
    /** Run as the other user: "connect PATH" dials and waits for the end; "listen PATH" serves one connection. */
    private static final String PROBE = """
            import java.net.*; import java.nio.*; import java.nio.channels.*; import java.nio.file.*;
            import java.nio.file.attribute.*;
            public class Probe {
                public static void main(String[] a) throws Exception {
                    UnixDomainSocketAddress at = UnixDomainSocketAddress.of(Path.of(a[1]));
                    if (a[0].equals("listen")) {
                        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                        s.bind(at);
                        Files.setPosixFilePermissions(Path.of(a[1]), PosixFilePermissions.fromString("rwxrwxrwx"));
                        System.out.println("listening");
                        s.accept().read(ByteBuffer.allocate(1));
                    } else {
                        SocketChannel c = SocketChannel.open(at);
                        System.out.println("connected");
                        c.read(ByteBuffer.allocate(1));
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The probe's first line; everything it wrote when that is not what it writes when ready. */
    private static String firstLine(Process p) throws IOException {
        String out = new String(p.getInputStream().readNBytes(9), java.nio.charset.StandardCharsets.UTF_8);
        return out.equals("connected") || out.equals("listening") ? out
                : out + new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void ourOwnPeerIsTrusted() throws IOException {
        Path path = dir.resolve("s.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path));
                 SocketChannel accepted = server.accept()) {
                PeerCredentials.requireTrusted(accepted, "the test socket");
                PeerCredentials.requireTrusted(client, "the test socket");
            }
        }
    }

    @Test
    void anotherUsersPeerIsRefusedOnAcceptAndOnDial() throws Exception {
        try (OtherUser other = OtherUser.create()) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path shared = Files.createDirectory(dir.resolve("shared"));
            Files.setAttribute(shared, "unix:mode", 01777);
            Path probe = Files.writeString(shared.resolve("Probe.java"), PROBE);

            // They dial a socket of ours that they can reach: the accepted connection is refused.
            Path ours = shared.resolve("ours.sock");
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(ours));
                Files.setPosixFilePermissions(ours, PosixFilePermissions.fromString("rwxrwxrwx"));
                Process p = other.start(java(), probe.toString(), "connect", ours.toString());
                assertEquals("connected", firstLine(p));
                try (SocketChannel accepted = server.accept()) {
                    IOException e = assertThrows(IOException.class, () -> PeerCredentials.requireTrusted(accepted, ours));
                    assertTrue(e.getMessage().contains("runs as user " + other.name), e.getMessage());
                } finally {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }

            // They serve a socket where we would dial: the dialled connection is refused.
            Path theirs = shared.resolve("theirs.sock");
            Process p = other.start(java(), probe.toString(), "listen", theirs.toString());
            try {
                assertEquals("listening", firstLine(p));
                try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(theirs))) {
                    IOException e = assertThrows(IOException.class, () -> PeerCredentials.requireTrusted(client, theirs));
                    assertTrue(e.getMessage().contains("refusing " + theirs), e.getMessage());
                }
            } finally {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
