package io.hcs4j.emulator.guest;

import io.hcs4j.platform.PeerCredentials;
import io.hcs4j.platform.PrivateDirectory;
import io.hcs4j.platform.posix.Posix;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * The idle side of a pooled guest agent ({@link AgentPool}): booted for one kind of VM, it listens on
 * {@code <entry>.sock} in its pool directory for one claim, which says what a fresh agent finds in its environment
 * (the VM's socket directory, the files of its mounts and of its memory size) and the priority to serve it at (it
 * waits at the lowest, {@link AgentPool#REFILL_NICE}, and takes the claimer's before answering). A claimer first renames the socket to
 * {@code <entry>.claimed}, so two claimers never get the same agent; the agent gives its place up by deleting
 * {@code <entry>.sock} itself, which fails once a claimer renamed it. It gives up when idle for its timeout, or when
 * its socket has been removed (an operator emptying the pool, a smaller pool). The claim's connection is the VM's
 * line, open while the agent serves it: one line of text each way, in turn. The host ends the VM cleanly with
 * {@code end}; the agent answers {@code clean} or {@code refused <why>}; the host then says {@code rejoin <entry>}
 * (the agent waits in the pool again) or {@code exit}.
 */
final class PooledAgent {
    /** A pooled agent's entry in its pool: {@code <pool>/<kind>/<id>}, to which .sock, .claimed, .pid are added. */
    static final String ENTRY_ENV = "HCS4J_VM_POOL_ENTRY";
    /** Seconds an unclaimed agent waits before it exits. */
    static final String IDLE_ENV = "HCS4J_VM_POOL_IDLE_SECONDS";
    static final long DEFAULT_IDLE_SECONDS = 600;
    static final String SOCKET = ".sock";
    static final String CLAIMED = ".claimed";
    static final String PID = ".pid";
    static final String BINDING = ".binding";
    /** A pooled agent's log (its stderr, in its pool directory) is cut to nothing at a claim when it is longer. */
    static final long LOG_LIMIT_BYTES = 1 << 20;
    /** How often the agent looks whether its socket is still in the pool. */
    private static final long WATCH_MS = 500;
    /** How long a claim (or the agent's answer) may take once the socket was renamed or dialled. */
    static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(10);
    /** How long a pooled agent may take to end its VM and say whether it is clean, and then to hear where it goes. */
    static final Duration END_TIMEOUT = Duration.ofSeconds(4);
    private static final String OK = "ok\n";
    private static final String END_OF_CLAIM = "\n\n";
    private static final String END = "end\n";
    private static final String CLEAN = "clean\n";
    private static final String REFUSED = "refused ";
    private static final String REJOIN = "rejoin ";
    private static final String EXIT = "exit\n";

    /**
     * What a claim hands the agent: what {@link EmulatedGuestLauncher} puts in a fresh agent's environment, and the
     * claimer's nice value, which a fresh agent would have inherited (a pooled one waits at the lowest priority).
     */
    record Claim(Path vmDir, Path mountsFile, Path memoryFile, int nice) {

        String encode() {
            Properties p = new Properties();
            p.setProperty("vmDir", vmDir.toString());
            if (mountsFile != null) {
                p.setProperty("mounts", mountsFile.toString());
            }
            if (memoryFile != null) {
                p.setProperty("memory", memoryFile.toString());
            }
            p.setProperty("nice", Integer.toString(nice));
            StringWriter w = new StringWriter();
            try {
                p.store(w, null);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return w.toString();
        }

        static Claim decode(String text) throws IOException {
            Properties p = new Properties();
            p.load(new StringReader(text));
            String vmDir = p.getProperty("vmDir", "");
            String mounts = p.getProperty("mounts");
            String memory = p.getProperty("memory");
            if (vmDir.isEmpty() || !Path.of(vmDir).isAbsolute()) {
                throw new IOException("a claim without the VM's socket directory");
            }
            int nice;
            try {
                nice = Integer.parseInt(p.getProperty("nice", ""));
            } catch (NumberFormatException e) {
                throw new IOException("a claim without the claimer's nice value");
            }
            return new Claim(Path.of(vmDir), mounts == null ? null : Path.of(mounts), memory == null ? null : Path.of(memory),
                    nice);
        }
    }

    private PooledAgent() {
    }

    /** The idle timeout from the agent's environment. */
    static Duration idleTimeout() {
        String v = System.getenv(IDLE_ENV);
        return Duration.ofSeconds(v == null || v.isBlank() ? DEFAULT_IDLE_SECONDS : Long.parseLong(v.trim()));
    }

    static Path file(Path entry, String suffix) {
        return entry.resolveSibling(entry.getFileName() + suffix);
    }

    /**
     * Bounds this agent's log, its stderr ({@link AgentPool}), in the pool directory {@code kindDir}: cut to nothing when
     * longer than {@link #LOG_LIMIT_BYTES} (the agent writes at its end, wherever that is); with {@code remove}, removed
     * (the agent is leaving by itself: nothing is wrong with it). Nothing is done to a stderr outside the pool.
     */
    static void boundLog(Path kindDir, boolean remove) {
        try {
            Path log = Path.of("/proc/self/fd/2").toRealPath();
            if (!Files.isRegularFile(log) || !log.getParent().equals(kindDir.toRealPath())) {
                return;
            }
            if (remove) {
                Files.delete(log);
            } else if (Files.size(log) > LOG_LIMIT_BYTES) {
                try (FileChannel f = FileChannel.open(log, StandardOpenOption.WRITE)) {
                    f.truncate(0);
                }
            }
        } catch (IOException e) {
            System.err.println("hcs4j pooled guest agent: its log is not bounded: " + e.getMessage());
        }
    }

    /** A claimed agent's side: the VM it serves and the line on which the host ends that VM ({@link #awaitEnd}). */
    record Claimed(Claim claim, SocketChannel line) {
    }

    /**
     * Waits for the one claim of this agent's entry. Empty when the agent is no longer wanted: idle for
     * {@code idle}, its socket removed, or a claim that broke off (the claimer took the entry out of the pool).
     */
    static Optional<Claimed> awaitClaim(Path entry, Duration idle) throws IOException {
        Path kindDir = entry.getParent();
        if (!PrivateDirectory.check(kindDir)) {
            throw new IOException("pool directory " + kindDir + " is missing");
        }
        Path socket = file(entry, SOCKET);
        Path claimed = file(entry, CLAIMED);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            // Bound under another name and renamed once listening: a claimer never finds a socket that refuses it.
            Path binding = file(entry, BINDING);
            server.bind(UnixDomainSocketAddress.of(binding));
            Files.move(binding, socket, StandardCopyOption.ATOMIC_MOVE);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            long deadline = System.nanoTime() + idle.toNanos();
            boolean graceGiven = false;
            while (true) {
                selector.select(WATCH_MS);
                selector.selectedKeys().clear();
                SocketChannel channel = server.accept();
                if (channel != null) {
                    try {
                        PeerCredentials.requireTrusted(channel, socket);
                        Claim claim = Claim.decode(readUntil(channel, END_OF_CLAIM, CLAIM_TIMEOUT));
                        // Full priority before the claimer hears yes: from now on the agent is on a start's path.
                        if (!Posix.reniceAllThreads(claim.nice())) {
                            System.err.println("hcs4j pooled guest agent: its priority cannot be set to nice "
                                    + claim.nice() + ": it serves the VM at its own");
                        }
                        write(channel, OK);
                        return Optional.of(new Claimed(claim, channel));
                    } catch (IOException e) {
                        channel.close();
                        // The claimer renamed the socket: whatever went wrong, this entry has left the pool.
                        System.err.println("hcs4j pooled guest agent: claim failed: " + e.getMessage());
                        Files.deleteIfExists(claimed);
                        Files.deleteIfExists(file(entry, PID));
                        return Optional.empty();
                    }
                }
                if (!Files.exists(socket) && !Files.exists(claimed)) {
                    Files.deleteIfExists(file(entry, PID));
                    return Optional.empty();
                }
                if (System.nanoTime() - deadline > 0) {
                    try {
                        Files.delete(socket);
                        Files.deleteIfExists(file(entry, PID));
                        return Optional.empty();
                    } catch (NoSuchFileException beingClaimed) {
                        if (graceGiven) {
                            // The claimer renamed the socket and never came: nobody else will.
                            Files.deleteIfExists(claimed);
                            Files.deleteIfExists(file(entry, PID));
                            return Optional.empty();
                        }
                        graceGiven = true;
                        deadline = System.nanoTime() + CLAIM_TIMEOUT.toNanos();
                    }
                }
            }
        }
    }

    /**
     * The claimer's side: hands {@code claim} to the agent listening on {@code socket} (already renamed out of the
     * pool by the caller) and waits for its answer.
     *
     * @return the line to the agent, open while it serves the VM: {@link #end} is sent on it
     */
    static SocketChannel claim(Path socket, Claim claim) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            PeerCredentials.requireTrusted(channel, socket);
            write(channel, claim.encode() + "\n");
            String answer = readUntil(channel, "\n", CLAIM_TIMEOUT);
            if (!answer.equals(OK)) {
                throw new IOException("the pooled agent at " + socket + " answered '" + answer.trim() + "'");
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * The agent's side of its VM's line: waits until the host ends the VM cleanly (true), or the line closes (false:
     * the host went away, or ends the VM by killing the agent).
     */
    static boolean awaitEnd(SocketChannel line) {
        try {
            return readUntil(line, "\n", null).equals(END);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The host's side of a clean end of the VM: tells the agent, which ends everything the VM ran and says whether it
     * is clean as when it was first ready.
     *
     * @return empty when the agent is clean, else why it is not (it then waits for {@link #leave} all the same)
     */
    static Optional<String> end(SocketChannel line) throws IOException {
        write(line, END);
        String answer = readUntil(line, "\n", END_TIMEOUT);
        if (answer.equals(CLEAN)) {
            return Optional.empty();
        }
        if (answer.startsWith(REFUSED)) {
            return Optional.of(answer.substring(REFUSED.length()).trim());
        }
        throw new IOException("the agent answered the VM's end with '" + answer.trim() + "'");
    }

    /** The agent's answer to {@link #end}: {@code refusal} null when it is clean. */
    static void ended(SocketChannel line, String refusal) throws IOException {
        write(line, refusal == null ? CLEAN : REFUSED + refusal.replace('\n', ' ') + "\n");
    }

    /** The host's last word on the line: the pool entry the agent waits in next, or none (it exits). */
    static void leave(SocketChannel line, Path nextEntry) throws IOException {
        write(line, nextEntry == null ? EXIT : REJOIN + nextEntry + "\n");
    }

    /** The agent's side of {@link #leave}: its next pool entry, empty when it is to exit. */
    static Optional<Path> awaitLeave(SocketChannel line) throws IOException {
        String word = readUntil(line, "\n", END_TIMEOUT);
        if (word.startsWith(REJOIN)) {
            return Optional.of(Path.of(word.substring(REJOIN.length()).trim()));
        }
        return Optional.empty();
    }

    private static void write(SocketChannel channel, String text) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /** Reads until the text read ends with {@code end}, for at most {@code timeout} (null: no limit). */
    private static String readUntil(SocketChannel channel, String end, Duration timeout) throws IOException {
        channel.configureBlocking(false);
        long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // One byte at a time: the peer's next message must stay unread (each side speaks only when answered).
        ByteBuffer b = ByteBuffer.allocate(1);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            while (true) {
                int n = channel.read(b);
                if (n < 0) {
                    throw new EOFException("the line closed");
                }
                if (n > 0) {
                    out.write(b.get(0));
                    b.clear();
                    String text = out.toString(StandardCharsets.UTF_8);
                    if (text.endsWith(end)) {
                        return text;
                    }
                    continue;
                }
                long left = timeout == null ? 0 : deadline - System.nanoTime();
                if (timeout != null && left <= 0) {
                    throw new SocketTimeoutException("no answer within " + timeout.toMillis() + " ms");
                }
                selector.select(timeout == null ? 0 : Math.max(1, left / 1_000_000));
                selector.selectedKeys().clear();
            }
        }
    }
}
