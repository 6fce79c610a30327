package io.hcs4j.ext4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** e2fsprogs as the judge of produced images: {@code fsck.ext4 -n -f} must find nothing, {@code debugfs -R} reads them. */
final class E2fs {
    private static final Path FSCK = Path.of("/sbin/fsck.ext4");
    private static final Path DEBUGFS = Path.of("/sbin/debugfs");

    private E2fs() {
    }

    static void requireTools() {
        assertTrue(Files.isExecutable(FSCK) && Files.isExecutable(DEBUGFS),
                "e2fsprogs is missing (fsck.ext4, debugfs): apt-get install e2fsprogs (.ci/run does)");
    }

    /** Asserts that e2fsck, forced and read-only, finds the image clean. */
    static void assertClean(Path image) throws IOException, InterruptedException {
        requireTools();
        Result r = run(FSCK.toString(), "-n", "-f", image.toString());
        assertEquals(0, r.exit, "fsck.ext4 -n -f " + image + ":\n" + r.out);
    }

    /** The output of one debugfs request on the image. */
    static String debugfs(Path image, String request) throws IOException, InterruptedException {
        requireTools();
        // Its banner and errors go to stderr; stdout is the answer alone.
        Process p = new ProcessBuilder(DEBUGFS.toString(), "-R", request, image.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "debugfs timed out");
        assertEquals(0, p.exitValue(), "debugfs -R '" + request + "':\n" + out);
        return out;
    }

    record Result(int exit, String out) { }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        return new Result(p.exitValue(), out);
    }
}
