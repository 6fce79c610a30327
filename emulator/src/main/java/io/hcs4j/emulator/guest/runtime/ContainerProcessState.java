package io.hcs4j.emulator.guest.runtime;

import java.util.List;

/** One process of a container: its pid in the agent's namespace, command line, whether the runtime started it. */
public record ContainerProcessState(int pid, List<String> command, boolean createdByRuntime, boolean isZombie) {
}
