package io.hcs4j.shim.cli;

import io.hcs4j.shim.runtime.lcow.LcowCleanup;
import io.hcs4j.uvm.backend.HostBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code delete}: containerd's cleanup after a shim connection ends (normal teardown or a dead shim). Ends a
 * dead shim's utility VM through the backend, removes the dead shim's socket, and prints a
 * DeleteResponse: exit status 137 when it had to kill the task, 255 when the status is unknown.
 */
final class DeleteCommand {
    private DeleteCommand() {
    }

    static int run(ShimFlags f) throws IOException {
        if (f.id().isEmpty()) {
            throw new IllegalArgumentException("-id is required");
        }
        Path bundle = StartCommand.bundle(f);
        boolean killed = false;
        String address = ShimAddress.of(f.address(), f.namespace(), f.id());
        if (!ShimAddress.windows() && !StartCommand.reachable(address)) {
            // The shim serving this id is gone: what it ran must go too (a pod container's VM belongs to its
            // sandbox's shim and is cleaned with the sandbox).
            killed = LcowCleanup.cleanupAfterDeadShim(bundle, HostBackend::select);
            Files.deleteIfExists(Path.of(address.substring("unix://".length())));
        }
        Instant now = Instant.now();
        System.out.write(DeleteResponseEncoder.encode(0, killed ? 137 : 255, now.getEpochSecond(), now.getNano()));
        System.out.flush();
        return 0;
    }
}
