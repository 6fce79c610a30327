package io.hcs4j.shim.cli;

import com.sun.jna.NativeLong;
import io.hcs4j.platform.PrivateDirectory;
import io.hcs4j.platform.posix.Libc;
import io.hcs4j.shim.task.ShimPoolSize;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The node's ready shim daemons: idle daemons that have served a pod and wait in
 * {@code <socket dir>/ready/<key>/} to be handed the next one, so that its {@code start} needs no new JVM. The key
 * names what start would launch (the jar and its size and time, the java binary, the daemon's options): a claim
 * never gets another build's or other options' daemon. Each ready daemon is a FIFO named {@code <pid>-<n>} (0600)
 * that it holds open and reads. start (the launcher script, or {@link StartCommand}) claims one by renaming it to
 * {@code .c.<name>} (atomic: two starts never get the same daemon), writes the task to it (flags and the environment
 * containerd gave start, {@code name=value} lines ended by {@code end}), and waits for the task's socket to listen.
 * The daemon takes the claim by renaming {@code .c.<name>} to {@code .t.<name>}; a start that waited
 * {@value #TAKE_MILLIS} ms for that removes {@code .c.<name>} instead and passes over the daemon. One of the two
 * wins, so a daemon that was stopped and wakes too late drops the claim and exits, and start never hangs on a dead
 * or wedged one.
 */
final class ReadyDaemons {
    /** The key of the set the daemon returns to, given by whoever spawned it (absent: it is never recycled). */
    static final String KEY_ENV = "HCS4J_SHIM_POOL_KEY";
    /** How long a ready daemon waits for a claim before it exits (seconds; default 600). */
    static final String IDLE_ENV = "HCS4J_SHIM_POOL_IDLE_SECONDS";
    static final long DEFAULT_IDLE_SECONDS = 600;
    /** Pods a daemon serves before it exits instead of waiting for another (a pre-fork server's max-requests). */
    static final int MAX_PODS = 100;
    /** What a claim carries of start's environment: containerd's for the shim, the runtime options, the pool size. */
    static final List<String> CLAIM_ENV = List.of("TTRPC_ADDRESS", "GRPC_ADDRESS", "NAMESPACE", "MAX_SHIM_VERSION",
            ServeCommand.START_OPTIONS_ENV, ShimPoolSize.ENV);
    private static final long TAKE_MILLIS = 1000;
    private static final long LISTEN_MILLIS = 30_000;
    /** A claimer that renamed the entry and died before writing: the daemon gives up the entry after this. */
    private static final long WRITE_MILLIS = 5000;
    private static final long POLL_MILLIS = 5;
    private static final int WAKE_MILLIS = 250;
    /** Below PIPE_BUF: a claim is one atomic write, and never fills a dead daemon's FIFO. */
    private static final int MAX_CLAIM_BYTES = 4000;
    private static final String END = "end";
    private static final short POLLIN = 1;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** The entry this daemon waits at, removed if it is terminated while waiting. */
    private static volatile Path waitingAt;

    /** A task handed to a ready daemon: the flags start had, and the environment to serve it with. */
    record Claim(ShimFlags flags, Map<String, String> env) {
    }

    private ReadyDaemons() {
    }

    static Path dir(Path socketDir, String key) {
        return socketDir.resolve("ready").resolve(key);
    }

    /**
     * The key of what start launches, as the launcher computes it: MD5 of "jar\njava\noptions\n" and, when the jar
     * is a file, "size.mtime\n" (md5sum over printf and {@code stat -L -c %s.%Y}).
     */
    static String key(String jar, Path java, String serveOptions) throws IOException {
        StringBuilder text = new StringBuilder().append(jar).append('\n').append(java).append('\n')
                .append(serveOptions).append('\n');
        Path file = Path.of(jar);
        if (Files.isRegularFile(file)) {
            text.append(Files.size(file)).append('.').append(Files.getLastModifiedTime(file).to(TimeUnit.SECONDS)).append('\n');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a daemon with these options may wait for more pods: not one that writes its class archive at exit. */
    static boolean recyclable(String serveOptions) {
        return !serveOptions.contains("ArchiveClassesAtExit") && !serveOptions.contains("AOTMode=record");
    }

    /** The claim start writes for task flags {@code f} served at {@code address}, with start's environment. */
    static Map<String, String> claim(ShimFlags f, String bundle, String address, Map<String, String> env) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("namespace", f.namespace());
        m.put("address", f.address());
        m.put("publish-binary", f.publishBinary());
        m.put("id", f.id());
        m.put("bundle", bundle);
        m.put("socket", address);
        m.put("debug", f.debug() ? "-debug" : "");
        for (String name : CLAIM_ENV) {
            if (env.containsKey(name)) {
                m.put("env." + name, env.get(name));
            }
        }
        return m;
    }

    /**
     * start's side: hands the claim to a ready daemon in {@code dir}; true once {@code address} is served. Dead and
     * wedged daemons are passed over (their entries removed); false when none took it.
     */
    static boolean handOver(Path dir, String address, Map<String, String> claim) throws IOException, InterruptedException {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> e : claim.entrySet()) {
            if (e.getValue().indexOf('\n') >= 0) {
                return false;
            }
            text.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        byte[] message = text.append(END).append('\n').toString().getBytes(StandardCharsets.UTF_8);
        if (message.length > MAX_CLAIM_BYTES) {
            return false;
        }
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        } catch (NoSuchFileException e) {
            return false;
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            Path claimed = entry.resolveSibling(".c." + name);
            try {
                Files.move(entry, claimed, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException taken) {
                continue;
            }
            Optional<ProcessHandle> daemon = pid(name).flatMap(ProcessHandle::of);
            if (daemon.isEmpty()) {
                Files.deleteIfExists(claimed);
                continue;
            }
            try (FileChannel fifo = FileChannel.open(claimed, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                fifo.write(ByteBuffer.wrap(message)); // O_RDWR: never waits for a reader
            }
            if (served(claimed, address, daemon.get())) {
                return true;
            }
        }
        return false;
    }

    private static boolean served(Path claimed, String address, ProcessHandle daemon) throws IOException, InterruptedException {
        long start = System.nanoTime();
        while (!StartCommand.reachable(address)) {
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (waited > TAKE_MILLIS && Files.exists(claimed)) {
                try {
                    Files.delete(claimed);
                    return false; // never taken: passed over
                } catch (NoSuchFileException taken) {
                    // taken meanwhile: it is about to listen
                }
            }
            if (!daemon.isAlive() || waited > LISTEN_MILLIS) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }

    private static Optional<Long> pid(String entryName) {
        try {
            return Optional.of(Long.parseLong(entryName.substring(0, entryName.indexOf('-'))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The daemon's side: waits in {@code dir} for a claim. Empty when it should exit instead: idle for {@code idle},
     * its entry removed (the set being emptied), or a claim that start gave up on before this daemon took it.
     */
    static Optional<Claim> await(Path dir, Duration idle) throws IOException {
        PrivateDirectory.create(dir);
        Path entry = dir.resolve(ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet());
        Path claimed = entry.resolveSibling(".c." + entry.getFileName());
        Files.deleteIfExists(entry);
        if (Libc.INSTANCE.mkfifo(entry.toString(), 0600) != 0) {
            throw new IOException("mkfifo " + entry + " failed");
        }
        // O_RDWR: the FIFO never reports end of file, and a claimer's write never waits for this reader.
        int fd = Libc.INSTANCE.open(entry.toString(), Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        if (fd < 0) {
            Files.deleteIfExists(entry);
            throw new IOException("cannot open " + entry);
        }
        waitingAt = entry;
        try {
            return awaitClaim(fd, entry, claimed, System.nanoTime() + idle.toNanos());
        } finally {
            waitingAt = null;
            Libc.INSTANCE.close(fd);
        }
    }

    private static Optional<Claim> awaitClaim(int fd, Path entry, Path claimed, long idleDeadline) throws IOException {
        Libc.PollFd[] poll = (Libc.PollFd[]) new Libc.PollFd().toArray(1);
        poll[0].fd = fd;
        poll[0].events = POLLIN;
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_CLAIM_BYTES);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        long claimedAt = 0;
        while (true) {
            Libc.INSTANCE.poll(poll, new NativeLong(1), WAKE_MILLIS);
            int n;
            while ((n = Libc.INSTANCE.read(fd, buffer.clear(), new NativeLong(buffer.capacity())).intValue()) > 0) {
                byte[] chunk = new byte[n];
                buffer.get(0, chunk);
                message.writeBytes(chunk);
            }
            String text = message.toString(StandardCharsets.UTF_8);
            if (text.endsWith("\n" + END + "\n")) {
                try {
                    Path taken = entry.resolveSibling(".t." + entry.getFileName());
                    Files.move(claimed, taken, StandardCopyOption.ATOMIC_MOVE);
                    Files.delete(taken);
                } catch (NoSuchFileException late) {
                    return Optional.empty(); // start gave up on this daemon and went on without it
                }
                return Optional.of(parse(text));
            }
            long now = System.nanoTime();
            if (Files.exists(entry)) {
                if (now - idleDeadline > 0) {
                    try {
                        Path leaving = entry.resolveSibling(".l." + entry.getFileName());
                        Files.move(entry, leaving, StandardCopyOption.ATOMIC_MOVE);
                        Files.delete(leaving);
                        return Optional.empty();
                    } catch (NoSuchFileException justClaimed) {
                        // claimed as it timed out: serve the claim
                    }
                }
            } else if (Files.exists(claimed)) {
                if (claimedAt == 0) {
                    claimedAt = now;
                } else if (now - claimedAt > TimeUnit.MILLISECONDS.toNanos(WRITE_MILLIS)) {
                    Files.deleteIfExists(claimed); // the claimer died before writing
                    return Optional.empty();
                }
            } else {
                return Optional.empty(); // removed: the set is being emptied
            }
        }
    }

    private static Claim parse(String text) {
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        // This daemon's environment, with start's in place of what a claim carries (absent from start's: absent).
        Map<String, String> env = new HashMap<>(System.getenv());
        for (String name : CLAIM_ENV) {
            String value = values.get("env." + name);
            if (value == null) {
                env.remove(name);
            } else {
                env.put(name, value);
            }
        }
        ShimFlags flags = new ShimFlags(values.getOrDefault("namespace", "default"), values.getOrDefault("address", ""),
                values.getOrDefault("publish-binary", ""), values.getOrDefault("id", ""), values.getOrDefault("bundle", ""),
                !values.getOrDefault("debug", "").isEmpty(), values.getOrDefault("socket", ""), "serve");
        return new Claim(flags, Map.copyOf(env));
    }

    /** Removes the entry this daemon waits at (it is being terminated). */
    static void leave() {
        Path entry = waitingAt;
        if (entry != null) {
            try {
                Files.deleteIfExists(entry);
            } catch (IOException e) {
                // start removes a dead daemon's entry when it claims it
            }
        }
    }
}
