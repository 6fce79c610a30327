package io.hcs4j.uvm.transport;

import io.hcs4j.platform.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class UnixSocketTransportTest {
    @TempDir
    Path tmp;

    @Test
    void guestDialsTheServiceSocketAndBothDirectionsFlow() throws Exception {
        Path vmDir = tmp.resolve("vm");
        UUID gcs = VsockPorts.serviceId(VsockPorts.GCS_PORT);
        try (HvSocketListener listener = new UnixSocketTransport(vmDir).listen(gcs)) {
            assertTrue(Files.exists(vmDir.resolve("40000000-facb-11e6-bd58-64006a7986d3.sock")));
            try (Connection guest = UnixSocketTransport.dial(vmDir, gcs);
                 Connection host = listener.accept(Duration.ofSeconds(5))) {
                // A blocked read on one side must not stall a write on the same connection.
                CompletableFuture<byte[]> hostRead = CompletableFuture.supplyAsync(() -> readN(host, 5));
                host.output().write("hello".getBytes());
                assertArrayEquals("hello".getBytes(), readN(guest, 5));
                guest.output().write("world".getBytes());
                assertArrayEquals("world".getBytes(), hostRead.get(5, TimeUnit.SECONDS));

                guest.shutdownOutput();
                assertEquals(-1, host.input().read());
                host.output().write(1);
                assertEquals(1, guest.input().read());
            }
        }
        assertFalse(Files.exists(vmDir.resolve("40000000-facb-11e6-bd58-64006a7986d3.sock")));
    }

    /** A VM directory someone else made first (issue 15: a squatter took the guest's connection) is not used. */
    @Test
    void aVmDirectoryOthersOwnOrCanWriteIsRefusedOnListenAndDial() throws Exception {
        UUID gcs = VsockPorts.serviceId(VsockPorts.GCS_PORT);
        Path open = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        IOException e = assertThrows(IOException.class, () -> new UnixSocketTransport(open).listen(gcs));
        assertTrue(e.getMessage().contains("refusing " + open), e.getMessage());
        e = assertThrows(IOException.class, () -> UnixSocketTransport.dial(open, gcs));
        assertTrue(e.getMessage().contains("refusing " + open), e.getMessage());
        if (io.hcs4j.platform.posix.Posix.isRoot()) {
            Path squat = Files.createDirectory(tmp.resolve("squat"));
            Files.setOwner(squat, squat.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
            Files.setPosixFilePermissions(squat, PosixFilePermissions.fromString("rwxrwxrwx"));
            e = assertThrows(IOException.class, () -> new UnixSocketTransport(squat.resolve("vm")).listen(gcs));
            assertTrue(e.getMessage().contains(squat + " belongs to another user"), e.getMessage());
            assertFalse(Files.exists(squat.resolve("vm")));
            assertThrows(IOException.class, () -> new UnixSocketTransport(squat).removeVmDir());
            assertTrue(Files.isDirectory(squat), "a squatter's directory is theirs to remove");
        }
    }

    @Test
    void acceptTimesOutWithAClearError() throws IOException {
        try (HvSocketListener listener = new UnixSocketTransport(tmp).listen(VsockPorts.serviceId(7))) {
            var e = assertThrows(SocketTimeoutException.class, () -> listener.accept(Duration.ofMillis(100)));
            assertTrue(e.getMessage().contains("00000007-facb-11e6-bd58-64006a7986d3.sock"), e.getMessage());
        }
    }

    @Test
    void closingTheListenerEndsAPendingAccept() throws Exception {
        HvSocketListener listener = new UnixSocketTransport(tmp).listen(VsockPorts.serviceId(8));
        CompletableFuture<Throwable> accept = CompletableFuture.supplyAsync(() -> {
            try {
                listener.accept(Duration.ofSeconds(30)).close();
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        // The accept may not have started yet when close runs; either way it must fail promptly.
        listener.close();
        assertTrue(accept.get(5, TimeUnit.SECONDS) instanceof ClosedChannelException);
        assertThrows(ClosedChannelException.class, () -> listener.accept(Duration.ofSeconds(1)));
    }

    @Test
    void dialingAServiceNobodyListensOnFails() {
        var e = assertThrows(IOException.class, () -> UnixSocketTransport.dial(tmp, VsockPorts.serviceId(9)));
        assertTrue(e.getMessage().startsWith("cannot dial " + tmp), e.getMessage());
    }

    @Test
    void closeUnblocksAReader() throws Exception {
        UUID service = VsockPorts.serviceId(10);
        try (HvSocketListener listener = new UnixSocketTransport(tmp).listen(service);
             Connection guest = UnixSocketTransport.dial(tmp, service)) {
            Connection host = listener.accept(Duration.ofSeconds(5));
            CompletableFuture<Void> read = CompletableFuture.runAsync(() -> readN(host, 1));
            host.close();
            assertThrows(Exception.class, () -> read.get(5, TimeUnit.SECONDS));
        }
    }

    private static byte[] readN(Connection c, int n) {
        try {
            return c.input().readNBytes(n);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
