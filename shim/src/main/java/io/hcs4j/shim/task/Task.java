package io.hcs4j.shim.task;

import io.hcs4j.cow.Container;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A container served by this shim: its cow container, init process and execs. */
final class Task {
    final String id;
    final Path bundle;
    final OciSpec spec;
    final Container container;
    final TaskProcess init;
    final Map<String, TaskProcess> execs = new LinkedHashMap<>();
    boolean paused;

    Task(String id, Path bundle, OciSpec spec, Container container, TaskProcess init) {
        this.id = id;
        this.bundle = bundle;
        this.spec = spec;
        this.container = container;
        this.init = init;
    }
}
