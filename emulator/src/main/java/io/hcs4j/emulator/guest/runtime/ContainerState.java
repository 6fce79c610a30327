package io.hcs4j.emulator.guest.runtime;

/** What a runtime reports of a container ({@code runc state}): status is created, running, paused or stopped. */
public record ContainerState(String ociVersion, String id, int pid, String bundlePath, String rootfsPath,
                             String status, String created) {
}
