package io.hcs4j.shim.runtime.host;

import io.hcs4j.shim.runtime.ContainerSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Mounts the rootfs layers containerd passes in Create onto the bundle's rootfs, and takes them down. */
final class RootfsMounts {
    private static final Logger log = LoggerFactory.getLogger(RootfsMounts.class);

    private RootfsMounts() {
    }

    static void mount(List<ContainerSpec.Layer> layers, Path target) throws IOException {
        Files.createDirectories(target);
        for (ContainerSpec.Layer layer : layers) {
            List<String> cmd = new ArrayList<>(List.of("mount", "-t", layer.type()));
            List<String> options = new ArrayList<>(layer.options());
            if (layer.type().equals("bind")) {
                cmd = new ArrayList<>(List.of("mount", "--bind"));
                options.removeIf(o -> o.equals("bind") || o.equals("rbind"));
            }
            if (!options.isEmpty()) {
                cmd.add("-o");
                cmd.add(String.join(",", options));
            }
            cmd.add(layer.source());
            cmd.add(target.toString());
            run(cmd);
        }
    }

    static void unmount(Path target) {
        try {
            run(List.of("umount", target.toString()));
        } catch (IOException e) {
            log.warn("umount {} failed ({}); detaching lazily", target, e.getMessage());
            try {
                run(List.of("umount", "-l", target.toString()));
            } catch (IOException e2) {
                log.warn("lazy umount {} failed: {}", target, e2.getMessage());
            }
        }
    }

    /** True when something is mounted exactly at target (used by delete to clean a dead shim's rootfs). */
    static boolean isMountPoint(Path target) {
        try {
            String want = target.toRealPath().toString();
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] f = line.split(" ");
                if (f.length > 4 && f[4].replace("\\040", " ").equals(want)) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static void run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): "
                        + new String(out, StandardCharsets.UTF_8).trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
    }
}
