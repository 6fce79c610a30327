package io.hcs4j.shim.cli;

import io.hcs4j.platform.Detached;
import io.hcs4j.platform.PeerCredentials;
import io.hcs4j.platform.PrivateDirectory;
import io.hcs4j.shim.runtime.PodVms;
import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code start}: make sure a shim daemon serves this task and print its address, nothing else. A pod's
 * containers are served by the sandbox's shim, so for them the sandbox shim's address is returned. The
 * daemon is a ready one when the set of {@link ReadyDaemons} has one, else a fresh JVM running {@code serve},
 * detached from our stdout/stderr (containerd reads them to EOF) and in its own session; it is ready when its
 * address accepts connections.
 */
final class StartCommand {
    private static final String SERVE_OPTS_ENV = "HCS4J_SERVE_JAVA_OPTS";
    private static final long READY_TIMEOUT_SECONDS = 30;
    private static final long READY_POLL_MILLIS = 5;
    private static final String DEFAULT_SERVE_OPTS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 "
            + "-Xss512k -Xms4m -Xmx128m -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=16m -XX:-UsePerfData "
            + "-XX:MaxRAM=1g -Xshare:auto";

    private StartCommand() {
    }

    static int run(ShimFlags f) throws IOException, InterruptedException {
        if (f.id().isEmpty()) {
            throw new IllegalArgumentException("-id is required");
        }
        Path bundle = bundle(f);
        String owner = f.id();
        Path config = bundle.resolve("config.json");
        if (Files.exists(config)) {
            String json = Files.readString(config, StandardCharsets.UTF_8);
            String sandbox = Annotations.find(json, PodVms.SANDBOX_ID);
            if ("container".equals(Annotations.find(json, PodVms.CONTAINER_TYPE)) && sandbox != null && !sandbox.isEmpty()) {
                owner = sandbox;
            }
        }
        String address = ShimAddress.of(f.address(), f.namespace(), owner);
        if (!reachable(address)) {
            if (!owner.equals(f.id())) {
                throw new IOException("the shim of sandbox " + owner + " is not running at " + address);
            }
            List<String> opts = serveOptions();
            String key = poolKey(opts);
            String startOptions = stdinOptions();
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put(ServeCommand.START_OPTIONS_ENV, startOptions);
            Path socketDir = Path.of(address.substring("unix://".length())).getParent();
            if (key == null || !ReadyDaemons.handOver(ReadyDaemons.dir(socketDir, key), address,
                    ReadyDaemons.claim(f, bundle.toString(), address, env))) {
                spawn(f, bundle, address, opts, key, startOptions);
            }
        }
        Files.writeString(bundle.resolve("address"), address, StandardCharsets.UTF_8);
        System.out.print(address);
        System.out.flush();
        return 0;
    }

    static Path bundle(ShimFlags f) {
        return (f.bundle().isEmpty() ? Path.of("") : Path.of(f.bundle())).toAbsolutePath();
    }

    /**
     * Whether a shim serves the address. Its directory must be ours alone and the server our own user's or root's
     * process: otherwise containerd would be sent to a stranger's socket, so that fails instead.
     */
    static boolean reachable(String address) throws IOException {
        if (ShimAddress.windows()) {
            return new File(address).exists();
        }
        Path socket = Path.of(address.substring("unix://".length()));
        if (!PrivateDirectory.check(socket.getParent()) || !Files.exists(socket)) {
            return false;
        }
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            try {
                c.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                return false;
            }
            PeerCredentials.requireTrusted(c, socket);
            return true;
        }
    }

    /** The runtime options on stdin (containerd writes them and closes it), base64 for the daemon's environment. */
    private static String stdinOptions() throws IOException {
        if (System.console() != null) {
            return ""; // run by hand from a terminal: no options are coming
        }
        return Base64.getEncoder().encodeToString(System.in.readAllBytes());
    }

    /** The daemon's JVM options: HCS4J_SERVE_JAVA_OPTS, else the defaults and the class archive's. */
    private static List<String> serveOptions() {
        List<String> opts = new ArrayList<>();
        String configured = System.getenv(SERVE_OPTS_ENV);
        for (String o : (configured == null ? DEFAULT_SERVE_OPTS : configured).trim().split("\\s+")) {
            if (!o.isEmpty()) {
                opts.add(o);
            }
        }
        Path archive = configured == null ? ClassDataArchive.forThisJvm() : null;
        if (archive != null) {
            opts.addAll(ClassDataArchive.options(Path.of(System.getProperty("java.class.path")), archive));
        }
        return opts;
    }

    /**
     * The ready-daemon set a daemon with these options belongs to ({@link ReadyDaemons#key}, over the options as
     * the launcher writes them), or null: never one on Windows, nor one that writes its class archive at exit.
     */
    private static String poolKey(List<String> opts) throws IOException {
        String configured = System.getenv(SERVE_OPTS_ENV);
        String text = configured != null ? configured : String.join(" ", opts);
        if (ShimAddress.windows() || !ReadyDaemons.recyclable(text)) {
            return null;
        }
        return ReadyDaemons.key(System.getProperty("java.class.path"),
                Path.of(System.getProperty("java.home"), "bin", "java").toRealPath(), text);
    }

    private static void spawn(ShimFlags f, Path bundle, String address, List<String> opts, String key,
                              String startOptions) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(opts);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ShimMain.class.getName(),
                "-namespace", f.namespace(), "-address", f.address(), "-publish-binary", f.publishBinary(),
                "-id", f.id(), "-bundle", bundle.toString(), "-socket", address));
        if (f.debug()) {
            cmd.add("-debug");
        }
        cmd.add("serve");
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(bundle.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File(ShimAddress.windows() ? "NUL" : "/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Path archive = System.getenv(SERVE_OPTS_ENV) == null ? ClassDataArchive.forThisJvm() : null;
        if (archive != null) {
            pb.environment().put(ClassDataArchive.ENV, archive.toString());
        }
        if (key != null) {
            pb.environment().put(ReadyDaemons.KEY_ENV, key);
        }
        pb.environment().put(ServeCommand.START_OPTIONS_ENV, startOptions);
        // Never containerd's stdout/stderr: containerd reads start's to EOF.
        ProcessHandle daemon = Detached.start(pb).orElse(null);
        // Ready when it accepts connections; its log (the bundle's) says why when it never does.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
        while (!reachable(address)) {
            if (daemon == null || !daemon.isAlive() || System.nanoTime() > deadline) {
                if (daemon != null) {
                    daemon.destroyForcibly();
                }
                throw new IOException("shim daemon did not become ready (see the bundle's log)");
            }
            Thread.sleep(READY_POLL_MILLIS);
        }
    }
}
