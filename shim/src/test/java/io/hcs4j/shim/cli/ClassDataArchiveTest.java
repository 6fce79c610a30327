package io.hcs4j.shim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveTest {
    @TempDir
    Path dir;

    @Test
    void oneArchivePerJarAndJdkBuild() {
        Path jar = Path.of("/opt/hcs4j/hcs4j-shim-1.0-all.jar");
        assertEquals(dir.resolve("hcs4j-shim-1.0-all-17.0.15+6-Debian-1deb12u1.jsa"),
                ClassDataArchive.of(jar, dir, "17.0.15+6-Debian-1deb12u1"));
        assertEquals(dir.resolve("hcs4j-shim-1.0-all-17_a_b.jsa"), ClassDataArchive.of(jar, dir, "17 a/b"));
    }

    @Test
    void writesTheArchiveAtExitWhenThereIsNone() throws Exception {
        Path jar = Files.writeString(dir.resolve("shim.jar"), "jar");
        Path archive = dir.resolve("shim.jsa");
        assertEquals(List.of("-XX:ArchiveClassesAtExit=" + archive), ClassDataArchive.options(jar, archive));
    }

    @Test
    void mapsAnArchiveNewerThanTheJar() throws Exception {
        assertEquals(List.of("-XX:SharedArchiveFile=" + dir.resolve("shim.jsa")), optionsFor(1_000_000, 2_000_000));
    }

    @Test
    void rewritesAnArchiveOlderThanTheJar() throws Exception {
        // The JVM refuses an archive written for another jar: after a rebuild, the next daemon writes a new one.
        assertEquals(List.of("-XX:ArchiveClassesAtExit=" + dir.resolve("shim.jsa")), optionsFor(2_000_000, 1_000_000));
    }

    private List<String> optionsFor(long jarMillis, long archiveMillis) throws Exception {
        Path jar = Files.writeString(dir.resolve("shim.jar"), "jar");
        Path archive = Files.writeString(dir.resolve("shim.jsa"), "archive");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(jarMillis));
        Files.setLastModifiedTime(archive, FileTime.fromMillis(archiveMillis));
        return ClassDataArchive.options(jar, archive);
    }

    /** A daemon maps the archive as trusted code: none from where another user could plant or change one. */
    @Test
    void noArchiveFromADirectoryOrFileOthersCanWrite() throws Exception {
        assertEquals(List.of("-XX:SharedArchiveFile=" + dir.resolve("shim.jsa")), optionsFor(1_000_000, 2_000_000));
        Files.setPosixFilePermissions(dir.resolve("shim.jsa"), PosixFilePermissions.fromString("rw-rw-rw-"));
        assertEquals(List.of(), ClassDataArchive.options(dir.resolve("shim.jar"), dir.resolve("shim.jsa")));
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setAttribute(shared, "unix:mode", 01777); // like /tmp: anyone can create the archive's name first
        Path jar = Files.writeString(shared.resolve("shim.jar"), "jar");
        assertEquals(List.of(), ClassDataArchive.options(jar, shared.resolve("shim.jsa")));
    }

    @Test
    void noArchiveWhereTheDirectoryIsMissing() throws Exception {
        Path jar = Files.writeString(dir.resolve("shim.jar"), "jar");
        assertEquals(List.of(), ClassDataArchive.options(jar, dir.resolve("missing/shim.jsa")));
    }
}
