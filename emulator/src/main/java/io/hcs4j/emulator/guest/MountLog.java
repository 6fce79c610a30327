package io.hcs4j.emulator.guest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The mounts a guest agent holds (combined layers, devices), kept in a file the launcher names in
 * {@code HCS4J_GUEST_MOUNTS} beside the guest's record, so that whoever ends the guest without its help can
 * unmount what it left. That matters only where the agent shares the host's mount namespace (a custom agent
 * command, no util-linux unshare): the default agent's own namespace takes its mounts along when it dies.
 */
final class MountLog {
    static final String FILE_ENV = "HCS4J_GUEST_MOUNTS";
    private static final Logger LOG = LoggerFactory.getLogger(MountLog.class);

    /** This agent's log; it keeps nothing where no file is named (an agent without a record, in-process tests). */
    static final MountLog AGENT = new MountLog(fileFromEnvironment());

    private Path file;
    private final Set<String> mounts = new LinkedHashSet<>();

    private MountLog(Path file) {
        this.file = file;
    }

    private static Path fileFromEnvironment() {
        String named = System.getenv(FILE_ENV);
        return named == null || named.isEmpty() ? null : Path.of(named);
    }

    /** Keeps the list in {@code file} from now on: a pooled agent learns it from its claim, before it mounts anything. */
    synchronized void keepIn(Path file) {
        this.file = file;
    }

    synchronized void mounted(Path mountPoint) {
        if (mounts.add(mountPoint.toString())) {
            write();
        }
    }

    synchronized void unmounted(Path mountPoint) {
        if (mounts.remove(mountPoint.toString())) {
            write();
        }
    }

    /** Replaces the file atomically: a reader never sees half a list. */
    private void write() {
        if (file == null) {
            return;
        }
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, String.join("\n", mounts), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("mounts not recorded in {}: {}", file, e.getMessage());
        }
    }

    /** Detaches what a dead agent's log lists and is still mounted in this mount namespace, the latest first. */
    static void unmountLeftovers(Path file) {
        List<String> listed;
        try {
            listed = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}", file, e.getMessage());
            return;
        }
        Set<String> here = mountPoints();
        for (int i = listed.size() - 1; i >= 0; i--) {
            String m = listed.get(i);
            if (here.contains(m)) {
                try {
                    GuestRuntime.run(List.of("umount", "-l", m));
                } catch (IOException e) {
                    LOG.warn("cannot unmount {}: {}", m, e.getMessage());
                }
            }
        }
    }

    /** Field 5 of /proc/self/mountinfo: the mount points, spaces escaped as \040. */
    private static Set<String> mountPoints() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/mountinfo"))) {
            Set<String> points = new LinkedHashSet<>();
            lines.map(l -> l.split(" ")).filter(f -> f.length > 4).forEach(f -> points.add(f[4].replace("\\040", " ")));
            return points;
        } catch (IOException e) {
            LOG.warn("cannot read the mount table: {}", e.getMessage());
            return Set.of();
        }
    }
}
