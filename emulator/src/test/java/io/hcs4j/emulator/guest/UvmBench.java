package io.hcs4j.emulator.guest;

import io.hcs4j.uvm.guest.GuestContainer;
import io.hcs4j.uvm.guest.GuestProcess;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Benchmark behind scripts/bench-uvm.sh: exec round trip and stdout throughput through the GCS bridge of an
 * emulated VM, side by side with a baseline: for the round trip a direct local process, for throughput the same
 * file copied over a unix stream socket (the kind of socket the bridge's stdio relays use) and read with the same
 * buffer, which is what the bridge path could reach at best. Prints figures; asserts nothing.
 */
public final class UvmBench {
    private static final int ROUND_TRIPS = 50;
    private static final long BYTES = 200L << 20;

    private UvmBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("hcs4j-bench");
        try (EmulatedVm vm = new EmulatedVm(work)) {
            GuestContainer c = vm.createContainer("bench", "sh", "-c", EmulatedGuestTest.LOOP);
            GuestProcess init = c.createProcess(EmulatedVm.init());
            String busybox = vm.layer.resolve("bin/busybox").toString();

            List<Long> bridge = new ArrayList<>();
            List<Long> direct = new ArrayList<>();
            for (int i = 0; i < ROUND_TRIPS + 5; i++) {
                long t0 = System.nanoTime();
                EmulatedVm.run(c.createProcess(EmulatedVm.exec(false, true, true, "true")));
                long t1 = System.nanoTime();
                runDirect(List.of(busybox, "true"));
                long t2 = System.nanoTime();
                if (i >= 5) { // warm-up
                    bridge.add(t1 - t0);
                    direct.add(t2 - t1);
                }
            }
            double bridgeMs = median(bridge) / 1e6;
            double directMs = median(direct) / 1e6;
            System.out.printf("exec round trip (median of %d `true`): bridge %.2f ms, direct %.2f ms, ratio %.2f%n",
                    ROUND_TRIPS, bridgeMs, directMs, bridgeMs / directMs);

            // A file in the rootfs, so that the producer (cat) is not the bottleneck of either path.
            Path data = vm.layer.resolve("data.bin");
            writeZeros(data, BYTES);
            long t0 = System.nanoTime();
            GuestProcess p = c.createProcess(EmulatedVm.exec(false, true, false, "cat", "/data.bin"));
            long got = drain(p.stdout());
            p.closeStdout();
            p.exit().get(120, TimeUnit.SECONDS);
            long t1 = System.nanoTime();
            long gotDirect = copyOverUnixSocket(data, work.resolve("copy.sock"));
            long t2 = System.nanoTime();
            if (got != BYTES || gotDirect != BYTES) {
                throw new IllegalStateException("expected " + BYTES + " bytes, got " + got + " / " + gotDirect);
            }
            double bridgeMbs = (BYTES / 1048576.0) / ((t1 - t0) / 1e9);
            double directMbs = (BYTES / 1048576.0) / ((t2 - t1) / 1e9);
            System.out.printf("stdout throughput (200 MiB): bridge %.0f MiB/s, file copied over a unix socket %.0f MiB/s, ratio %.2f%n",
                    bridgeMbs, directMbs, bridgeMbs / directMbs);

            c.terminate();
            EmulatedVm.run(init);
            vm.removeLayers("bench");
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void writeZeros(Path file, long size) throws IOException {
        byte[] block = new byte[1 << 20];
        try (var out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += block.length) {
                out.write(block);
            }
        }
    }

    private static long runDirect(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        long n = drain(p.getInputStream());
        p.waitFor();
        return n;
    }

    /** Sends {@code file} over a unix stream socket from another thread (sendfile) and counts what arrives. */
    private static long copyOverUnixSocket(Path file, Path socket) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                try (SocketChannel out = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                        FileChannel in = FileChannel.open(file)) {
                    for (long sent = 0, size = in.size(); sent < size; ) {
                        sent += in.transferTo(sent, size - sent, out);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            long n;
            try (SocketChannel in = server.accept()) {
                n = drain(Channels.newInputStream(in));
            }
            sender.get(120, TimeUnit.SECONDS);
            return n;
        }
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            total += n;
        }
        return total;
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
