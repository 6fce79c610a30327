package io.hcs4j.emulator.os;

import io.hcs4j.platform.posix.Posix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Process trees as sessions: the emulator's stand-in for a job object. Each process it starts leads a new session
 * (and process group), so everything it starts, grandchildren too, can be found and signalled as one unit, even
 * after the leader is gone.
 */
public final class Sessions {
    /** util-linux setsid, by absolute path: the child's own PATH may not lead to it. */
    static final String SETSID = Files.isExecutable(Path.of("/usr/bin/setsid")) ? "/usr/bin/setsid"
            : Files.isExecutable(Path.of("/bin/setsid")) ? "/bin/setsid" : "setsid";

    private static final String TERMINAL_SCRIPT = "exec " + SETSID + " -c \"$@\" <>\"$0\" >&0 2>&0";
    private static final String TERMINAL_WRAPPER = "/bin/sh\0-c\0" + TERMINAL_SCRIPT + "\0";

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
     * Sends {@code sig} to every live process of session {@code sid} and, while the leader is alive (its pid still
     * names it), to the leader's descendants, which may have left the session. Returns how many were signalled.
     */
    public static int signal(long sid, int sig, boolean leaderAlive) {
        List<Stat> all = scan();
        Set<Long> targets = new LinkedHashSet<>(members(all, sid, leaderAlive));
        if (leaderAlive) {
            Set<Long> tree = new LinkedHashSet<>(List.of(sid));
            boolean grew = true;
            while (grew) {
                grew = false;
                for (Stat st : all) {
                    if (st.running() && tree.contains(st.ppid) && tree.add(st.pid)) {
                        grew = true;
                    }
                }
            }
            targets.addAll(tree);
        }
        int n = 0;
        for (long pid : targets) {
            if (Posix.kill(pid, sig)) {
                n++;
            }
        }
        return n;
    }

    /** SIGKILL for the whole session, twice: a process forking while the first round ran is caught by the second. */
    public static void kill(long sid, boolean leaderAlive) {
        signal(sid, Posix.SIGKILL, leaderAlive);
        signal(sid, Posix.SIGKILL, leaderAlive);
    }

    /**
     * Waits until session {@code sid} has no running process left (each waited for through a pidfd, which also
     * works for processes that are not our children); false when some still run at the deadline.
     */
    public static boolean awaitEmpty(long sid, boolean leaderAlive, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        List<Long> left = members(sid, leaderAlive);
        while (!left.isEmpty()) {
            for (long pid : left) {
                long ms = (deadline - System.nanoTime()) / 1_000_000;
                if (ms <= 0 || !Posix.awaitExit(pid, (int) ms)) {
                    return members(sid, leaderAlive).isEmpty();
                }
            }
            left = members(sid, leaderAlive);
        }
        return true;
    }

    /**
     * Waits until {@code process} has passed through the wrappers that put it in its own session and runs its own
     * program, so that whoever looks at it next (a process list) sees the program. Linux reports exec to nobody but a
     * privileged listener, so this reads /proc/&lt;pid&gt;/cmdline in short pauses: a few exec calls, bounded by
     * {@code timeoutMs}, ending early when the process exits. False when the deadline passed first.
     */
    public static boolean awaitExec(ProcessHandle process, long timeoutMs) {
        Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                String now = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
                if (!now.isEmpty() && !now.startsWith(SETSID + "\0") && !now.startsWith(TERMINAL_WRAPPER)) {
                    return true;
                }
            } catch (IOException exited) {
                return true;
            }
            LockSupport.parkNanos(100_000);
        }
        return !process.isAlive();
    }

    /**
     * The command prefixed so that it runs on the terminal {@code slave}, in a new session whose controlling terminal
     * it is: a shell opens the slave as stdin/stdout/stderr and execs {@code setsid -c}, which makes it the
     * controlling terminal before it execs the command in place.
     */
    static List<String> onTerminal(List<String> command, String slave) {
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", TERMINAL_SCRIPT, slave));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * The processes of session {@code sid} that are still running (zombies have ended; they only await a reaper).
     * Once the leader has exited (and was reaped), a process with the leader's pid is a stranger that got the pid
     * after the session had emptied (Linux reuses no pid still naming a session): then the session is gone.
     */
    public static List<Long> members(long sid, boolean leaderAlive) {
        return members(scan(), sid, leaderAlive);
    }

    private static List<Long> members(List<Stat> all, long sid, boolean leaderAlive) {
        List<Long> pids = new ArrayList<>();
        for (Stat st : all) {
            if (!leaderAlive && st.pid == sid) {
                return List.of();
            }
            if (st.session == sid && st.running()) {
                pids.add(st.pid);
            }
        }
        return pids;
    }

    private static List<Stat> scan() {
        List<Stat> all = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : proc) {
                Stat st = Stat.read(dir);
                if (st != null) {
                    all.add(st);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return all;
    }

    /** The fields of /proc/&lt;pid&gt;/stat this class needs. */
    private record Stat(long pid, char state, long ppid, long session) {
        boolean running() {
            return state != 'Z' && state != 'X';
        }

        static Stat read(Path dir) {
            try {
                String s = Files.readString(dir.resolve("stat"));
                // After "pid (comm) ": state, ppid, pgrp, session; comm may contain spaces and parentheses.
                String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                return new Stat(Long.parseLong(dir.getFileName().toString()), f[0].charAt(0), Long.parseLong(f[1]),
                        Long.parseLong(f[3]));
            } catch (IOException | RuntimeException goneMeanwhile) {
                return null;
            }
        }
    }
}
