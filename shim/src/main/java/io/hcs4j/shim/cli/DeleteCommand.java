package io.hcs4j.shim.cli;

import io.hcs4j.shim.runtime.host.HostBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code delete}: containerd's cleanup after a shim connection ends (normal teardown or a dead shim). Kills
 * what still runs in the bundle's rootfs, unmounts it, removes a dead shim's socket, and prints a
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
        boolean killed = !ShimAddress.windows() && HostBackend.cleanupAfterDeadShim(bundle.resolve("rootfs"));
        String address = ShimAddress.of(f.address(), f.namespace(), f.id());
        if (!ShimAddress.windows() && !StartCommand.reachable(address)) {
            Files.deleteIfExists(Path.of(address.substring("unix://".length())));
        }
        Instant now = Instant.now();
        System.out.write(DeleteResponseEncoder.encode(0, killed ? 137 : 255, now.getEpochSecond(), now.getNano()));
        System.out.flush();
        return 0;
    }
}
