package io.hcs4j.platform;

import io.hcs4j.platform.posix.Posix;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.attribute.UserPrincipal;
import jdk.net.ExtendedSocketOptions;

/**
 * Who is at the other end of a unix socket (SO_PEERCRED, as a {@code jdk.net.UnixDomainPrincipal}): the bridge, its stdio sockets and runhcs's control
 * sockets talk only to processes of the current user or root, whichever side dialled. A private directory keeps
 * others from reaching the socket; this check holds even where the directory was not ours to choose. Where the
 * platform has no SO_PEERCRED (Windows' AF_UNIX) the socket file's ACL decides.
 */
public final class PeerCredentials {
    private PeerCredentials() {
    }

    /** Fails, naming the peer's user, unless the peer of {@code channel} runs as the current user or root. */
    public static void requireTrusted(SocketChannel channel, Object what) throws IOException {
        if (!channel.supportedOptions().contains(ExtendedSocketOptions.SO_PEERCRED)) {
            return;
        }
        UserPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user();
        if (!peer.equals(PrivateDirectory.principal(Posix.euid())) && !peer.equals(PrivateDirectory.principal(0))) {
            throw new IOException("refusing " + what + ": the process at the other end runs as user " + peer.getName()
                    + (Posix.isRoot() ? ", not as root" : ", not as " + PrivateDirectory.currentUser() + " or root"));
        }
    }
}
