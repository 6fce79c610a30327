package io.hcs4j.shim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hcs4j.shim.cli.ServeCommand.Condition;
import io.hcs4j.shim.cli.ServeCommand.Resources;
import org.junit.jupiter.api.Test;

/** When a daemon whose pod is gone may wait for another (the shim pool), and why it exits otherwise. */
class ServeCommandTest {
    private static final Resources FIRST_READY = new Resources(20, 40);

    @Test
    void aCleanDaemonWaitsForAnotherPodWhileThePoolHasRoom() {
        assertNull(new Condition(1, false, 0, 0, 21, 41).refusal(2, null), "first time ready");
        assertNull(new Condition(7, false, 0, 1, 24, 44).refusal(2, FIRST_READY), "within the allowance");
    }

    @Test
    void anUncleanDaemonExitsAndSaysWhy() {
        assertEquals("tasks were left at Shutdown", new Condition(1, true, 0, 0, 20, 40).refusal(2, null));
        assertEquals("1 compute systems are still open", new Condition(1, false, 1, 0, 20, 40).refusal(2, null));
        assertEquals("it has 25 threads and 40 fds, against 20 and 40 when first ready",
                new Condition(3, false, 0, 0, 25, 40).refusal(2, FIRST_READY));
        assertEquals("it has 20 threads and 45 fds, against 20 and 40 when first ready",
                new Condition(3, false, 0, 0, 20, 45).refusal(2, FIRST_READY));
    }

    @Test
    void aFullPoolOrAWornDaemonEndsIt() {
        assertEquals("2 daemons are ready already (pool size 2)", new Condition(1, false, 0, 2, 20, 40).refusal(2, null));
        assertEquals("it has served 100 pods, the most one daemon serves",
                new Condition(ReadyDaemons.MAX_PODS, false, 0, 0, 20, 40).refusal(2, FIRST_READY));
    }
}
