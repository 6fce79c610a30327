package io.hcs4j.shim.runtime;

import java.util.List;

/** The OCI process fields a backend runs: argv, environment, working dir, user, and which stdio to wire. */
public record ProcessSpec(List<String> args, List<String> env, String cwd, int uid, int gid, boolean terminal,
        boolean stdin, boolean stdout, boolean stderr, int consoleWidth, int consoleHeight) {
}
