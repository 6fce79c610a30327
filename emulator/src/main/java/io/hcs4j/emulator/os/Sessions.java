package io.hcs4j.emulator.os;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Process trees as sessions: the emulator's stand-in for a job object. Each process it starts leads a new session
 * (and process group), so everything it starts, grandchildren too, can be found and signalled as one unit, even
 * after the leader is gone.
 */
public final class Sessions {
    /** util-linux setsid, by absolute path: the child's own PATH may not lead to it. */
    static final String SETSID = Files.isExecutable(Path.of("/usr/bin/setsid")) ? "/usr/bin/setsid"
            : Files.isExecutable(Path.of("/bin/setsid")) ? "/bin/setsid" : "setsid";

    private Sessions() {
    }

    /**
     * The command prefixed so that it runs in a new session whose id is its pid: setsid calls setsid(2) and execs the
     * command in place (the JDK's child is never a process group leader, so setsid does not fork).
     */
    public static List<String> inNewSession(List<String> command) {
        List<String> wrapped = new ArrayList<>(command.size() + 1);
        wrapped.add(SETSID);
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Sends {@code sig} to every live process of session {@code sid} and to the live descendants of its leader (which
     * may have left the session). Returns how many processes were signalled.
     */
    public static int signal(long sid, int sig) {
        Set<Long> targets = new LinkedHashSet<>(members(sid));
        ProcessHandle.of(sid).ifPresent(h -> h.descendants().forEach(d -> targets.add(d.pid())));
        int n = 0;
        for (long pid : targets) {
            if (Posix.kill(pid, sig)) {
                n++;
            }
        }
        return n;
    }

    /** SIGKILL for the whole session, twice: a process forking while the first round ran is caught by the second. */
    public static void kill(long sid) {
        signal(sid, Posix.SIGKILL);
        signal(sid, Posix.SIGKILL);
    }

    /** The processes of session {@code sid} that are still running (zombies have ended; they only await a reaper). */
    public static List<Long> members(long sid) {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : proc) {
                Stat st = Stat.read(dir);
                if (st != null && st.session == sid && st.state != 'Z' && st.state != 'X') {
                    pids.add(st.pid);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return pids;
    }

    /** The fields of /proc/&lt;pid&gt;/stat this class needs. */
    private record Stat(long pid, char state, long session) {
        static Stat read(Path dir) {
            try {
                String s = Files.readString(dir.resolve("stat"));
                // After "pid (comm) ": state, ppid, pgrp, session; comm may contain spaces and parentheses.
                String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                return new Stat(Long.parseLong(dir.getFileName().toString()), f[0].charAt(0), Long.parseLong(f[3]));
            } catch (IOException | RuntimeException goneMeanwhile) {
                return null;
            }
        }
    }
}
