package io.hcs4j.emulator.hcs;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A running guest of an emulated VM. When it exits without the emulator asking (the VM "crashed"), the VM reports
 * SystemExited; shutting down or terminating the VM calls {@link #end()}, crashing it {@link #kill()}.
 */
public interface GuestInstance {
    /** Completes with the guest's exit status when it has exited. */
    CompletableFuture<Integer> exit();

    /** Ends the guest; returns without waiting (watch {@link #exit()}). */
    void kill();

    /**
     * Ends the VM cleanly (shut down or terminated): everything the guest runs ends as with {@link #kill()}, but a
     * guest agent that can serve another VM may live on for it. Returns without waiting; {@link #exit()} completes
     * once the VM has ended.
     */
    default void end() {
        kill();
    }

    /** Freezes the whole guest, every process it runs, as pausing a VM does (the bridge stops answering too). */
    void pause();

    /** Thaws a paused guest. */
    void resume();

    /** HCS resized the VM's memory: the guest sees its new total memory. */
    default void memoryResized(long sizeMb) {
    }

    /**
     * HCS set the VM's processor limits (ProcessorLimits: Limit in thousandths of a percent of its {@code processors},
     * 0 or 100000 for none; Weight 1..10000, 0 for the default): everything the guest runs is held to them.
     */
    default void processorsLimited(int processors, long limit, long weight) {
    }

    /** The host processes that are the guest (its agent and everything it runs): the VM's statistics are theirs. */
    default List<ProcessHandle> processes() {
        return List.of();
    }
}
