package io.hcs4j.emulator.guest.runtime;

import io.hcs4j.platform.posix.Posix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects the exit of processes the agent adopts, as the reference GCS does: the agent is a child subreaper
 * (prctl PR_SET_CHILD_SUBREAPER), so a container's init and execs, whose runtime command exits at once, become
 * its children; {@link #watch} reaps one and reports its exit code. {@link #sweepOrphans} also reaps every other
 * child that stays a zombie (orphans of processes the agent ran), which a PID namespace's init must do. Children
 * the JDK started are left to the JDK (it reaps them at once); an orphan is one that is still a zombie a sweep
 * later.
 */
public final class Reaper {
    private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);
    private static final Set<Long> WATCHED = ConcurrentHashMap.newKeySet();
    private static volatile boolean subreaper;

    private Reaper() {
    }

    /** Makes the agent the reaper of its descendants' orphans; once. */
    public static synchronized void becomeSubreaper() {
        if (!subreaper) {
            subreaper = Posix.becomeSubreaper();
            if (!subreaper) {
                LOG.warn("prctl(PR_SET_CHILD_SUBREAPER) refused: exit codes of detached container processes are lost");
            }
        }
    }

    /** Reaps {@code pid} (a child, or an orphan this subreaper adopted) when it ends; completes with its exit code. */
    public static CompletableFuture<Integer> watch(long pid) {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        WATCHED.add(pid);
        Relays.thread("reap-" + pid, () -> {
            try {
                int code = Posix.waitChild(pid);
                if (code < 0) {
                    // Not a child (no subreaper): only its end can be seen.
                    while (!Posix.awaitExit(pid, 60_000)) {
                        // Still running.
                    }
                    LOG.warn("process {} was not the agent's child: its exit code is unknown", pid);
                    code = 255;
                }
                exit.complete(code);
            } finally {
                WATCHED.remove(pid);
            }
        });
        return exit;
    }

    /** Reaps, every {@code periodMs}, the children that were zombies at the previous sweep and nobody watches. */
    public static void sweepOrphans(long periodMs) {
        Relays.thread("reap-orphans", () -> {
            Set<Long> zombies = new HashSet<>();
            while (true) {
                Set<Long> now = new HashSet<>();
                ProcessHandle.current().children().map(ProcessHandle::pid)
                        .filter(pid -> !WATCHED.contains(pid) && isZombie(pid)).forEach(now::add);
                for (long pid : now) {
                    if (zombies.contains(pid) && Posix.reapIfEnded(pid)) {
                        LOG.debug("reaped orphan {}", pid);
                    }
                }
                zombies = now;
                try {
                    Thread.sleep(periodMs);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Whether {@code pid} has ended and waits to be reaped. */
    public static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException gone) {
            return false;
        }
    }
}
