package io.hcs4j.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
    @TempDir
    Path dir;

    @Test
    void deletesTheTreeButNotWhatItsLinksPointAt() throws Exception {
        Path outside = Files.writeString(Files.createDirectory(dir.resolve("outside")).resolve("keep"), "kept");
        Path tree = Files.createDirectories(dir.resolve("tree/a/b"));
        Files.writeString(tree.resolve("file"), "x");
        Files.createSymbolicLink(dir.resolve("tree/a/link"), outside.getParent());
        FileTrees.delete(dir.resolve("tree"));
        assertFalse(Files.exists(dir.resolve("tree")));
        assertEquals("kept", Files.readString(outside));
    }

    @Test
    void aMissingTreeIsNothingToDo() throws Exception {
        FileTrees.delete(dir.resolve("missing"));
        assertFalse(Files.exists(dir.resolve("missing")));
    }
}
