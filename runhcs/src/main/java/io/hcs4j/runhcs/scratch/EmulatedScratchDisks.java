package io.hcs4j.runhcs.scratch;

import io.hcs4j.ext4.VhdFooter;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Scratch disks for the emulator, whose guest loop-mounts disk images: a sparse image of the full size, formatted by
 * the {@code mkfs.ext4} command line hcsshim's utility VM runs ({@code -q -E lazy_itable_init=0,nodiscard -O
 * ^has_journal,sparse_super2,^resize_inode}; the emulated utility VM runs on this host), with a fixed-VHD footer so
 * the guest finds the ext4 through it. Copies keep the holes ({@code cp --sparse=always}).
 */
public final class EmulatedScratchDisks implements ScratchDisks {
    static final List<String> MKFS_OPTIONS = List.of("-q", "-E", "lazy_itable_init=0,nodiscard",
            "-O", "^has_journal,sparse_super2,^resize_inode");
    private static final long COMMAND_TIMEOUT_SECONDS = 300;
    private final String mkfs;

    /** With {@code mkfs.ext4} from e2fsprogs (found on PATH or in /sbin, /usr/sbin). */
    public EmulatedScratchDisks() {
        this(findMkfs());
    }

    EmulatedScratchDisks(String mkfs) {
        this.mkfs = mkfs;
    }

    private static String findMkfs() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/sbin:/usr/sbin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "mkfs.ext4"))) {
                return Path.of(dir, "mkfs.ext4").toString();
            }
        }
        return "mkfs.ext4";
    }

    @Override
    public void create(Path dest, int sizeGb) throws IOException {
        if (Files.exists(dest)) {
            throw new FileAlreadyExistsException(dest.toString(), null, "the scratch disk to create already exists");
        }
        boolean done = false;
        try {
            try (RandomAccessFile f = new RandomAccessFile(dest.toFile(), "rw")) {
                f.setLength((long) sizeGb << 30);
            }
            List<String> command = new ArrayList<>(List.of(mkfs, "-F"));
            command.addAll(MKFS_OPTIONS);
            command.add(dest.toString());
            run(command, "format " + dest + " ext4");
            VhdFooter.append(dest);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(dest);
            }
        }
    }

    @Override
    public void copy(Path from, Path to, boolean replace) throws IOException {
        if (!replace && Files.exists(to)) {
            throw new FileAlreadyExistsException(to.toString());
        }
        if (!Files.isRegularFile(from)) {
            throw new IOException("cannot copy " + from + ": not a file");
        }
        run(List.of("cp", "--sparse=always", from.toString(), to.toString()), "copy " + from + " to " + to);
    }

    private static void run(List<String> command, String what) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new IOException("cannot " + what + ": " + command.get(0) + " does not run"
                    + (command.get(0).endsWith("mkfs.ext4") ? " (install e2fsprogs)" : "") + ": " + e.getMessage(), e);
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("cannot " + what + ": " + command.get(0) + " did not finish in "
                        + COMMAND_TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("cannot " + what + ": " + String.join(" ", command) + " exited with "
                        + p.exitValue() + (out.isEmpty() ? "" : ": " + out));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("cannot " + what + ": interrupted", e);
        }
    }
}
