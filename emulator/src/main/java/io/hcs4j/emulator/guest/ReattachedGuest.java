package io.hcs4j.emulator.guest;

import io.hcs4j.emulator.hcs.GuestInstance;
import io.hcs4j.platform.posix.Posix;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A guest agent that another process started, known by its process handle only: one another emulator left running,
 * or one taken from the node's pool of ready agents ({@link AgentPool}). Killing it kills its whole
 * process tree (the agent and the container processes it runs), since this process is not its parent and cannot
 * rely on the agent's PID namespace; the exit completes once they have ended (at most {@link #TREE_WAIT_MS} after
 * the kill) and what the guest left has been removed.
 */
final class ReattachedGuest implements GuestInstance {
    /** How long the killed processes get to end. */
    private static final int TREE_WAIT_MS = 2000;
    /** The exit status of a process this one did not start is unknown. */
    private static final int UNKNOWN_STATUS = -1;

    private final ProcessHandle agent;
    private final String vmId;
    private final Runnable cleanUp;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    ReattachedGuest(ProcessHandle agent, String vmId, Runnable cleanUp) {
        this.agent = agent;
        this.vmId = vmId;
        this.cleanUp = cleanUp;
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

    private void ended() {
        if (ended.compareAndSet(false, true)) {
            cleanUp.run();
            exit.complete(UNKNOWN_STATUS);
        }
    }

    @Override
    public void pause() {
        EmulatedGuestLauncher.signalTree(agent, Posix.SIGSTOP);
    }

    @Override
    public void resume() {
        EmulatedGuestLauncher.signalTree(agent, Posix.SIGCONT);
    }
}
