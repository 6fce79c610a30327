package io.hcs4j.runhcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The holder in this JVM over the HCS emulator: the container's life from create to delete. */
@Timeout(60)
class HolderTest {
    @TempDir
    Path dir;

    private Bundle bundle(String argsJson) throws IOException {
        Path b = Files.createDirectories(dir.resolve("bundle"));
        Files.createDirectories(b.resolve("base/etc"));
        Files.writeString(b.resolve("base/etc/motd"), "base\n");
        Files.createDirectories(b.resolve("scratch"));
        Files.writeString(b.resolve("config.json"), "{\"ociVersion\":\"1.1.0\",\"process\":{\"args\":" + argsJson
                + ",\"env\":[\"WHO=holder\"]},\"windows\":{\"layerFolders\":[\"base\",\"scratch\"]}}");
        return Bundle.load(b.toString());
    }

    private StateStore store() {
        return new StateStore(dir.resolve("root"));
    }

    @Test
    void runsTheInitProcessInTheMergedLayersAndCleansUp() throws Exception {
        StateStore store = store();
        store.reserve("h1");
        Holder h = Holder.create(store, "h1", bundle("[\"sh\",\"-c\",\"cat etc/motd; echo $WHO; cat; exit 3\"]"),
                Backend.containerFactory());
        assertEquals(ContainerState.CREATED, h.state().status());
        assertTrue(Files.exists(store.socket("h1")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        h.startInit(new ByteArrayInputStream("from stdin\n".getBytes(StandardCharsets.UTF_8)), out, err);
        assertEquals(3, h.initExit().get(30, TimeUnit.SECONDS));
        h.drainInitOutput();
        assertEquals("base\nholder\nfrom stdin\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(ContainerState.STOPPED, h.state().status());
        h.destroy();
        h.destroy();
        assertFalse(Files.exists(store.dir("h1")));
        try (Stream<Path> s = Files.list(dir.resolve("bundle/scratch"))) {
            assertEquals(0, s.count(), "the base layer's files were removed from the writable layer");
        }
    }

    @Test
    void aRunningContainerIsOnlyDeletedWithForce() throws Exception {
        StateStore store = store();
        store.reserve("h2");
        Holder h = Holder.create(store, "h2", bundle("[\"sleep\",\"60\"]"), Backend.containerFactory());
        h.startInit(null, new ByteArrayOutputStream(), new ByteArrayOutputStream());
        assertEquals(ContainerState.RUNNING, h.state().status());
        assertTrue(h.state().pid() > 0);
        RunhcsException e = assertThrows(RunhcsException.class, () -> h.delete(false));
        assertEquals("cannot delete container \"h2\" in state running: stop it first or use --force", e.getMessage());
        assertThrows(RunhcsException.class, () -> h.startInit(null, null, null));
        long pid = h.state().pid();
        h.delete(true);
        assertTrue(h.destroyed().isDone());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "init process ended");
        assertFalse(Files.exists(store.dir("h2")));
    }

    @Test
    void aContainerThatCannotBeCreatedLeavesNothing() throws Exception {
        StateStore store = store();
        store.reserve("h3");
        Bundle b = bundle("[\"true\"]");
        Files.writeString(b.dir().resolve("scratch/keep"), "x");
        // The same writable layer twice: the second attach fails, and the first container is unaffected.
        Holder first = Holder.create(store, "h3", b, Backend.containerFactory());
        store.reserve("h4");
        assertThrows(IOException.class, () -> Holder.create(store, "h4", b, Backend.containerFactory()));
        assertFalse(Files.exists(store.dir("h4")));
        assertEquals(ContainerState.CREATED, first.state().status());
        first.destroy();
        assertEquals("x", Files.readString(b.dir().resolve("scratch/keep")));
    }
}
