package io.hcs4j.uvm.transport;

import io.hcs4j.platform.ChannelConnection;
import io.hcs4j.platform.Connection;
import io.hcs4j.platform.PeerCredentials;
import io.hcs4j.platform.PrivateDirectory;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hvsocket stand-in: the host listens on {@code <vm dir>/<service id>.sock} and the guest dials it. Any
 * guest that follows this convention can connect, including the reference GCS. The VM's directory is a
 * {@link PrivateDirectory}, checked on every listen and dial, and both ends talk only to a peer of our own user or
 * root ({@link PeerCredentials}): a listener drops anyone else, a dial to anyone else fails.
 */
public final class UnixSocketTransport implements HvSocketTransport {
    /** Each VM's sockets in its own directory, {@link HvSocketDirs#forVm}. */
    public static final HvSocketTransport.Factory PER_VM_DIRECTORY =
            (vmId, runtimeId) -> new UnixSocketTransport(HvSocketDirs.forVm(vmId));

    private static final Logger LOG = LoggerFactory.getLogger(UnixSocketTransport.class);
    private final Path vmDir;

    public UnixSocketTransport(Path vmDir) {
        this.vmDir = vmDir;
    }

    public Path vmDir() {
        return vmDir;
    }

    /** Removes the VM's directory once empty; one that is not ours alone (a squatter's) is left to its owner. */
    public void removeVmDir() throws IOException {
        if (PrivateDirectory.check(vmDir)) {
            Files.deleteIfExists(vmDir);
        }
    }

    @Override
    public HvSocketListener listen(UUID serviceId) throws IOException {
        PrivateDirectory.create(vmDir);
        Path path = HvSocketDirs.socket(vmDir, serviceId);
        Files.deleteIfExists(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path));
            server.configureBlocking(false);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + path + ": " + e.getMessage(), e);
        }
        return new Listener(serviceId, path, server);
    }

    /** The guest's side: dial a service the host listens on. */
    public static Connection dial(Path vmDir, UUID serviceId) throws IOException {
        Path path = HvSocketDirs.socket(vmDir, serviceId);
        try {
            if (!PrivateDirectory.check(vmDir)) {
                throw new NoSuchFileException(vmDir.toString());
            }
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(path));
                PeerCredentials.requireTrusted(channel, path);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return new ChannelConnection(channel);
        } catch (IOException e) {
            throw new IOException("cannot dial " + path + ": " + e.getMessage(), e);
        }
    }

    private static final class Listener implements HvSocketListener {
        private final UUID serviceId;
        private final Path path;
        private final ServerSocketChannel server;
        private final Selector selector;

        Listener(UUID serviceId, Path path, ServerSocketChannel server) throws IOException {
            this.serviceId = serviceId;
            this.path = path;
            this.server = server;
            this.selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
        }

        @Override
        public UUID serviceId() {
            return serviceId;
        }

        @Override
        public Connection accept(Duration timeout) throws IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                if (!server.isOpen()) {
                    throw new ClosedChannelException();
                }
                SocketChannel channel = server.accept();
                if (channel != null) {
                    try {
                        PeerCredentials.requireTrusted(channel, path);
                    } catch (IOException stranger) {
                        LOG.warn("{}", stranger.getMessage());
                        channel.close();
                        continue;
                    }
                    channel.configureBlocking(true);
                    return new ChannelConnection(channel);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SocketTimeoutException("nobody dialled " + path + " within " + timeout.toMillis() + " ms");
                }
                try {
                    selector.select(Math.max(1, left / 1_000_000));
                    selector.selectedKeys().clear();
                } catch (ClosedSelectorException closedMeanwhile) {
                    throw new ClosedChannelException();
                }
            }
        }

        @Override
        public void close() throws IOException {
            try {
                server.close();
                selector.wakeup();
                selector.close();
            } finally {
                Files.deleteIfExists(path);
            }
        }
    }
}
