package io.hcs4j.shim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The shim's application class-data archive (JDK AppCDS): the classes a daemon loads, mapped ready-made instead
 * of parsed and verified again by every daemon and every emulated utility VM's guest agent, which is most of
 * their start-up. The first daemon after a build (or a JDK change) writes it when it exits
 * ({@code -XX:ArchiveClassesAtExit}); the daemons after it, and the guest agents they boot (told through
 * {@link #ENV}), map it. The JVM writes an archive's header last, so a daemon that starts while the archive is
 * being written finds it invalid and runs without it.
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
        try {
            if (Files.isRegularFile(archive)
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) >= 0) {
                return List.of("-XX:SharedArchiveFile=" + archive);
            }
        } catch (IOException e) {
            return List.of();
        }
        Path dir = archive.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
            return List.of();
        }
        return List.of("-XX:ArchiveClassesAtExit=" + archive);
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
