package io.hcs4j.shim.cli;

import io.hcs4j.platform.PrivateDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

/**
 * The shim's application class-data archive (JDK AppCDS): the classes a daemon loads, mapped ready-made instead
 * of parsed and verified again by every daemon and every emulated utility VM's guest agent, which is most of
 * their start-up. The first daemon after a build (or a JDK change) writes it when it exits
 * ({@code -XX:ArchiveClassesAtExit}); the daemons after it, and the guest agents they boot (told through
 * {@link #ENV}), map it. The JVM writes an archive's header last, so a daemon that starts while the archive is
 * being written finds it invalid and runs without it. A daemon maps an archive as trusted code, so archives are
 * only read from and written to a directory that only the current user and root can write, and only mapped when
 * nobody else can write the file.
 */
final class ClassDataArchive {
    /**
     * The setting that names the archive a daemon maps, for the JVMs it starts (the emulator's guest agents read
     * it; the README documents it).
     */
    static final String ENV = "HCS4J_CDS_ARCHIVE";
    /** Where archives are kept: default, beside the shim's jar. */
    static final String DIR_ENV = "HCS4J_CDS_DIR";

    private ClassDataArchive() {
    }

    /** The archive for this jar and this JVM: one per JDK build, since an archive only fits the JDK that wrote it. */
    static Path of(Path jar, Path dir, String vmVersion) {
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        return dir.resolve(name + "-" + vmVersion.replaceAll("[^A-Za-z0-9.+_-]", "_") + ".jsa");
    }

    /**
     * The JVM options that map {@code archive}, or that write it at exit when it is missing or older than the
     * jar (the JVM refuses an archive of another jar); none when it cannot be written there.
     */
    static List<String> options(Path jar, Path archive) {
        Path dir = archive.toAbsolutePath().getParent();
        try {
            if (dir == null || !Files.isDirectory(dir) || !PrivateDirectory.onlyWeCanWrite(dir)) {
                return List.of(); // another user could plant an archive there
            }
            if (Files.isRegularFile(archive, LinkOption.NOFOLLOW_LINKS)
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) >= 0) {
                return othersCanWrite(archive) ? List.of() : List.of("-XX:SharedArchiveFile=" + archive);
            }
        } catch (IOException e) {
            return List.of();
        }
        if (!Files.isWritable(dir)) {
            return List.of();
        }
        return List.of("-XX:ArchiveClassesAtExit=" + archive);
    }

    private static boolean othersCanWrite(Path file) throws IOException {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            return p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (UnsupportedOperationException notPosix) {
            return false; // Windows: the file's ACL decides
        }
    }

    /** The archive for the jar this JVM runs from, or null when it does not run from a jar. */
    static Path forThisJvm() {
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.endsWith(".jar") || classPath.contains(java.io.File.pathSeparator)) {
            return null;
        }
        Path jar = Path.of(classPath).toAbsolutePath();
        String dir = System.getenv(DIR_ENV);
        return of(jar, dir == null || dir.isEmpty() ? jar.getParent() : Path.of(dir), System.getProperty("java.vm.version"));
    }
}
