package io.hcs4j.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateDirectoryTest {
    @TempDir
    Path dir;

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void makesEachMissingComponentOwnerOnlyAndChecksItAgainOnEveryOpen() throws IOException {
        Path vm = dir.resolve("hvsock/vm-1");
        assertFalse(PrivateDirectory.check(vm));
        assertEquals(vm, PrivateDirectory.create(vm));
        assertEquals("rwx------", mode(vm));
        assertEquals("rwx------", mode(vm.getParent()));
        assertTrue(PrivateDirectory.check(vm));
        Files.setPosixFilePermissions(vm, PosixFilePermissions.fromString("rwxrwxrwx"));
        IOException e = assertThrows(IOException.class, () -> PrivateDirectory.check(vm));
        assertTrue(e.getMessage().contains("mode 0700"), e.getMessage());
    }

    @Test
    void aDirectoryOpenToOthersOrALinkIsRefused() throws IOException {
        Path open = Files.createDirectory(dir.resolve("open"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        IOException e = assertThrows(IOException.class, () -> PrivateDirectory.check(open));
        assertTrue(e.getMessage().contains("mode 0700"), e.getMessage());
        Path link = Files.createSymbolicLink(dir.resolve("link"), Files.createDirectory(dir.resolve("private"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
        e = assertThrows(IOException.class, () -> PrivateDirectory.check(link));
        assertTrue(e.getMessage().contains("is a link"), e.getMessage());
        assertTrue(PrivateDirectory.check(dir.resolve("private")));
        // A link above the directory is followed when it is ours and leads somewhere safe.
        PrivateDirectory.create(link.resolve("sub"));
        assertTrue(Files.isDirectory(dir.resolve("private/sub")));
    }

    @Test
    void aComponentOthersCanWriteIsRefusedUnlessSticky() throws IOException {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        IOException e = assertThrows(IOException.class, () -> PrivateDirectory.create(shared.resolve("mine")));
        assertTrue(e.getMessage().contains(shared + " can be written by others"), e.getMessage());
        assertFalse(Files.exists(shared.resolve("mine")));
        Files.setAttribute(shared, "unix:mode", 01777);
        PrivateDirectory.create(shared.resolve("mine"));
        assertEquals("rwx------", mode(shared.resolve("mine")));
    }

    @Test
    void onlyWeCanWriteADirectoryOfOursOrRootsThatNobodyElseCanWrite() throws IOException {
        Path ours = Files.createDirectory(dir.resolve("ours"));
        Files.setPosixFilePermissions(ours, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertTrue(PrivateDirectory.onlyWeCanWrite(ours));
        Files.setAttribute(ours, "unix:mode", 01777);
        assertFalse(PrivateDirectory.onlyWeCanWrite(ours), "others can add names to a sticky directory");
        Files.setPosixFilePermissions(ours, PosixFilePermissions.fromString("rwxrwxr-x"));
        assertFalse(PrivateDirectory.onlyWeCanWrite(ours));
    }

    @Test
    void aFileInTheWayIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        IOException e = assertThrows(IOException.class, () -> PrivateDirectory.create(file.resolve("sub")));
        assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
    }

    @Test
    void rootsDefaultBaseIsUnderRun() {
        if (io.hcs4j.platform.posix.Posix.isRoot()) {
            assertEquals(Path.of("/run/hcs4j"), PrivateDirectory.base());
        } else {
            assertTrue(PrivateDirectory.base().isAbsolute());
        }
    }

    /** What a second local user pre-creates (squats) is refused and left unused; what we make they cannot read. */
    @Test
    void anotherUsersSquatIsRefusedAndOurDirectoriesAreClosedToThem() throws Exception {
        try (OtherUser other = OtherUser.create()) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path tmp = Files.createDirectory(dir.resolve("tmp"));
            Files.setAttribute(tmp, "unix:mode", 01777); // like /tmp
            Path squat = tmp.resolve("hcs4j-hvsock");
            assertEquals(0, other.run("mkdir", "-m", "777", squat.toString()).code());
            assertEquals(0, other.run("mkdir", "-m", "700", tmp.resolve("theirs").toString()).code());

            IOException e = assertThrows(IOException.class, () -> PrivateDirectory.create(squat.resolve("vm-1")));
            assertTrue(e.getMessage().contains(squat + " belongs to another user") && e.getMessage().contains(other.name),
                    e.getMessage());
            assertFalse(Files.exists(squat.resolve("vm-1")), "nothing made in the squatted directory");
            e = assertThrows(IOException.class, () -> PrivateDirectory.create(tmp.resolve("theirs")));
            assertTrue(e.getMessage().contains("must be a directory of"), e.getMessage());
            // A link of theirs leading to our own directory is refused too.
            Path ours = PrivateDirectory.create(tmp.resolve("ours"));
            assertEquals(0, other.run("ln", "-s", ours.toString(), tmp.resolve("alias").toString()).code());
            e = assertThrows(IOException.class, () -> PrivateDirectory.create(tmp.resolve("alias/sub")));
            assertTrue(e.getMessage().contains("belongs to another user"), e.getMessage());

            Files.writeString(ours.resolve("state.json"), "secret");
            OtherUser.Result list = other.run("ls", ours.toString());
            assertNotEquals(0, list.code(), list.output());
            OtherUser.Result read = other.run("cat", ours.resolve("state.json").toString());
            assertNotEquals(0, read.code(), read.output());
            assertFalse(read.output().contains("secret"));
            OtherUser.Result write = other.run("touch", ours.resolve("planted").toString());
            assertNotEquals(0, write.code(), write.output());
        }
    }
}
