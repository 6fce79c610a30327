package io.hcs4j.emulator.guest;

import io.hcs4j.emulator.hcs.GuestInstance;
import io.hcs4j.platform.posix.Posix;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A guest agent that another process started, known by its process handle only: one another emulator left running,
 * or one taken from the node's pool of ready agents ({@link AgentPool}). Killing it kills its whole
 * process tree (the agent and the container processes it runs), since this process is not its parent and cannot
 * rely on the agent's PID namespace; the exit completes once they have ended (at most {@link #TREE_WAIT_MS} after
 * the kill) and what the guest left has been removed. One taken from the pool may go back to it when its VM ends
 * cleanly ({@link #end}); its exit then completes once it has left the VM.
 */
final class ReattachedGuest implements GuestInstance {
    /** How long the killed processes get to end. */
    private static final int TREE_WAIT_MS = 2000;
    /** The exit status of a process this one did not start is unknown. */
    private static final int UNKNOWN_STATUS = -1;
    private static final Logger LOG = LoggerFactory.getLogger(ReattachedGuest.class);

    private final ProcessHandle agent;
    private final String vmId;
    private final Runnable cleanUp;
    /** Gives the agent back to its pool; null for an agent that is not to be kept. */
    private final Recycler recycler;
    private final AtomicBoolean ended = new AtomicBoolean();
    /** A paused agent cannot end its VM itself: it is killed instead. */
    private volatile boolean paused;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    /** Ends a pooled agent's VM and tries to give the agent back to its pool: true when it went back. */
    interface Recycler {
        boolean recycle() throws IOException;
    }

    ReattachedGuest(ProcessHandle agent, String vmId, Runnable cleanUp, Recycler recycler) {
        this.agent = agent;
        this.vmId = vmId;
        this.cleanUp = cleanUp;
        this.recycler = recycler;
        agent.onExit().thenRun(this::ended); // an agent that ends by itself
    }

    @Override
    public CompletableFuture<Integer> exit() {
        return exit;
    }

    @Override
    public List<ProcessHandle> processes() {
        return EmulatedGuestLauncher.tree(agent);
    }

    @Override
    public void memoryResized(long sizeMb) {
        EmulatedGuestLauncher.recordMemory(vmId, sizeMb);
    }

    @Override
    public void processorsLimited(int processors, long limit, long weight) {
        EmulatedGuestLauncher.limitProcessors(vmId, processors, limit, weight);
    }

    @Override
    public void kill() {
        List<ProcessHandle> tree = new ArrayList<>();
        agent.descendants().forEach(tree::add);
        tree.add(agent);
        tree.forEach(ProcessHandle::destroyForcibly);
        // Waited for through pidfds: they see a process end even when no parent reaps it.
        CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + TREE_WAIT_MS * 1_000_000L;
            for (ProcessHandle h : tree) {
                Posix.awaitExit(h.pid(), (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
            }
            ended();
        });
    }

    @Override
    public void end() {
        if (recycler == null || paused) {
            kill();
            return;
        }
        CompletableFuture.runAsync(() -> {
            try {
                if (recycler.recycle()) {
                    ended();
                    return;
                }
                // Not kept: it ends as a fresh agent's VM does, with whatever it still runs (what made it unclean).
                kill();
            } catch (IOException | RuntimeException e) {
                LOG.warn("guest of {} (pid {}) did not end its VM as asked: {}", vmId, agent.pid(), e.toString());
                kill();
            }
        });
    }

    private void ended() {
        if (ended.compareAndSet(false, true)) {
            cleanUp.run();
            exit.complete(UNKNOWN_STATUS);
        }
    }

    @Override
    public void pause() {
        paused = true;
        EmulatedGuestLauncher.signalTree(agent, Posix.SIGSTOP);
    }

    @Override
    public void resume() {
        EmulatedGuestLauncher.signalTree(agent, Posix.SIGCONT);
        paused = false;
    }
}
