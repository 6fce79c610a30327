package io.hcs4j.runhcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleAndStateTest {
    @TempDir
    Path dir;

    private String loadError(String config) throws IOException {
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.createDirectories(b.resolve("base"));
        Files.createDirectories(b.resolve("scratch"));
        Files.writeString(b.resolve("config.json"), config);
        RunhcsException e = assertThrows(RunhcsException.class, () -> Bundle.load(b.toString()));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e.getMessage().replace(b.toString(), "B");
    }

    @Test
    void relativeLayerFoldersResolveAgainstTheBundle() throws IOException {
        Path b = Files.createDirectories(dir.resolve("ok"));
        Files.createDirectories(b.resolve("layers/base"));
        Files.createDirectories(b.resolve("layers/scratch"));
        Files.writeString(b.resolve("config.json"), "{\"ociVersion\":\"1.1.0\",\"process\":{\"args\":[\"x\"]},"
                + "\"windows\":{\"layerFolders\":[\"layers/base\",\"layers/./scratch\"]}}");
        Bundle bundle = Bundle.load(b.toString());
        assertEquals(List.of(b.resolve("layers/base").toString(), b.resolve("layers/scratch").toString()),
                bundle.spec().windows.layerFolders);
    }

    @Test
    void badBundlesGiveOneLineErrors() throws IOException {
        assertEquals("invalid B/config.json: no windows section (runhcs runs Windows containers)",
                loadError("{\"ociVersion\":\"1.1.0\",\"process\":{\"args\":[\"x\"]}}"));
        assertEquals("invalid B/config.json: process.args (or process.commandLine) is required",
                loadError("{\"ociVersion\":\"1.1.0\",\"windows\":{\"layerFolders\":[\"base\",\"scratch\"]}}"));
        assertEquals("invalid B/config.json: windows.layerFolders needs at least one parent layer and the "
                + "writable layer", loadError("{\"process\":{\"args\":[\"x\"]},\"windows\":{\"layerFolders\":[\"base\"]}}"));
        assertEquals("invalid B/config.json: layer folder B/nope does not exist",
                loadError("{\"process\":{\"args\":[\"x\"]},\"windows\":{\"layerFolders\":[\"nope\",\"scratch\"]}}"));
        assertTrue(loadError("{\"process\":").startsWith("invalid B/config.json: invalid JSON"));
        assertTrue(loadError("[1,2]").startsWith("invalid B/config.json: "));
        assertEquals("invalid B/config.json: invalid JSON at $: null is not a Spec", loadError("null"));
        assertEquals("bundle " + dir.resolve("none") + " does not exist or is not a directory",
                assertThrows(RunhcsException.class, () -> Bundle.load(dir.resolve("none").toString())).getMessage());
    }

    @Test
    void stateDirectoriesAreReservedOnceAndRemovedCompletely() throws IOException {
        StateStore store = new StateStore(dir.resolve("root"));
        assertEquals(List.of(), store.ids());
        store.reserve("c1");
        assertEquals("container \"c1\" already exists",
                assertThrows(RunhcsException.class, () -> store.reserve("c1")).getMessage());
        assertNull(store.read("c1"));
        ContainerState s = new ContainerState("1.1.0", "c1", 0, "created", "/b", "/b/scratch", "t", "me");
        store.write("c1", new StateStore.Record(s, 42));
        assertEquals(new StateStore.Record(s, 42), store.read("c1"));
        Files.writeString(store.dir("c1").resolve("holder.log"), "log");
        assertEquals(List.of("c1"), store.ids());
        store.remove("c1");
        assertFalse(store.exists("c1"));
        assertEquals(List.of(), store.ids());
        store.remove("c1");
    }

    @Test
    void aRootTooLongForSocketsIsRefusedBeforeAnythingIsCreated() {
        StateStore store = new StateStore(dir.resolve("r".repeat(120)));
        RunhcsException e = assertThrows(RunhcsException.class, () -> store.reserve("c1"));
        assertTrue(e.getMessage().contains("use a shorter --root"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("r".repeat(120))));
    }

    /** Issue 15: a root another user could write (they swapped ctl.sock and captured an exec) is refused. */
    @Test
    void aStateRootOthersCanWriteIsRefusedOnReserveAndOnEveryUse() throws IOException {
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        StateStore store = new StateStore(open);
        RunhcsException e = assertThrows(RunhcsException.class, () -> store.reserve("c1"));
        assertTrue(e.getMessage().startsWith("refusing " + open + ": it must be a directory of"), e.getMessage());
        assertFalse(Files.exists(open.resolve("c1")));
        Files.createDirectory(open.resolve("c2"));
        assertThrows(RunhcsException.class, () -> store.exists("c2"));
        assertThrows(RunhcsException.class, () -> store.socket("c2"));
        assertThrows(RunhcsException.class, store::ids);
        if (io.hcs4j.platform.posix.Posix.isRoot()) {
            Path squat = Files.createDirectory(dir.resolve("squat"));
            Files.setOwner(squat, squat.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
            Files.setPosixFilePermissions(squat, PosixFilePermissions.fromString("rwxrwxrwx"));
            e = assertThrows(RunhcsException.class, () -> new StateStore(squat.resolve("root")).reserve("c1"));
            assertTrue(e.getMessage().contains(squat + " belongs to another user"), e.getMessage());
            assertFalse(Files.exists(squat.resolve("root")));
        }
    }

    @Test
    void containerDirectoriesAreTheOwnersAlone() throws IOException {
        StateStore store = new StateStore(dir.resolve("root"));
        store.reserve("c3");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("root"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.dir("c3"))));
    }

    @Test
    void corruptStateIsReported() throws IOException {
        StateStore store = new StateStore(dir.resolve("root"));
        store.reserve("c2");
        Files.writeString(store.stateFile("c2"), "{broken");
        assertTrue(assertThrows(RunhcsException.class, () -> store.read("c2")).getMessage()
                .startsWith("corrupt state file"));
    }

    @Test
    void signalsByNameAndNumber() {
        assertEquals(9, Runhcs.parseSignal("KILL"));
        assertEquals(9, Runhcs.parseSignal("sigkill"));
        assertEquals(15, Runhcs.parseSignal("15"));
        assertEquals(2, Runhcs.parseSignal("SIGINT"));
        assertThrows(RunhcsException.class, () -> Runhcs.parseSignal("0"));
        assertThrows(RunhcsException.class, () -> Runhcs.parseSignal("BOGUS"));
    }
}
