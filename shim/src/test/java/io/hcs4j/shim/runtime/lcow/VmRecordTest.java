package io.hcs4j.shim.runtime.lcow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hcs4j.shim.runtime.VmRecord;
import io.hcs4j.uvm.backend.HostBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The bundle's record of a utility VM, and delete's cleanup from it. */
@Timeout(30)
class VmRecordTest {
    /** delete selects a backend only when a record names a VM. */
    private static final Supplier<HostBackend> NO_BACKEND = () -> {
        throw new AssertionError("the backend was selected");
    };

    @TempDir
    Path bundle;

    @Test
    void roundTripsAndIsRemoved() throws IOException {
        assertEquals(Optional.empty(), VmRecord.read(bundle));
        VmRecord r = new VmRecord("t1@vm");
        r.write(bundle);
        assertEquals(Optional.of(r), VmRecord.read(bundle));
        assertEquals(List.of(VmRecord.FILE), Files.list(bundle).map(p -> p.getFileName().toString()).toList());
        VmRecord.remove(bundle);
        assertEquals(Optional.empty(), VmRecord.read(bundle));
    }

    @Test
    void aCorruptRecordIsAClearError() throws IOException {
        Files.writeString(bundle.resolve(VmRecord.FILE), "agentPid=twelve\n");
        IOException e = assertThrows(IOException.class, () -> VmRecord.read(bundle));
        assertTrue(e.getMessage().startsWith(bundle.resolve(VmRecord.FILE) + " is corrupt"), e.getMessage());
        assertFalse(LcowCleanup.cleanupAfterDeadShim(bundle, NO_BACKEND), "cleanup reports and goes on");
    }

    @Test
    void withoutARecordNothingIsLoaded() {
        assertFalse(LcowCleanup.cleanupAfterDeadShim(bundle, NO_BACKEND));
    }
}
