package io.hcs4j.platform;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hcs4j.platform.posix.Posix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A second local user for the tests that play an attacker: made with useradd (no home, no login shell), its
 * commands run through setpriv, deleted with userdel on close. Tests that need one are skipped when not run as
 * root (CI runs as root). Processes {@link #start}ed as the user must have ended before close.
 */
final class OtherUser implements AutoCloseable {
    final String name;
    final int uid;

    private OtherUser(String name, int uid) {
        this.name = name;
        this.uid = uid;
    }

    static OtherUser create() throws IOException, InterruptedException {
        assumeTrue(Posix.isRoot(), "ASSUMPTION: creating a second local user needs root; skipped as a non-root user");
        String name = "hcs4j-t" + UUID.randomUUID().toString().substring(0, 8);
        Result made = exec(List.of("useradd", "--system", "--no-create-home", "--user-group", "--shell",
                "/usr/sbin/nologin", name));
        if (made.code != 0) {
            throw new IOException("useradd " + name + " failed: " + made.output);
        }
        return new OtherUser(name, Integer.parseInt(exec(List.of("id", "-u", name)).output.trim()));
    }

    /** Runs {@code command} as this user (uid, its own group, no others). */
    Result run(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + name, "--regid=" + name, "--clear-groups",
                "--"));
        cmd.addAll(List.of(command));
        return exec(cmd);
    }

    /** Starts {@code command} as this user and returns at once. */
    Process start(String... command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + name, "--regid=" + name, "--clear-groups",
                "--"));
        cmd.addAll(List.of(command));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Result deleted = exec(List.of("userdel", name));
        if (deleted.code != 0) {
            throw new IOException("userdel " + name + " failed: " + deleted.output);
        }
    }

    record Result(int code, String output) {
    }

    private static Result exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command + " did not finish");
        }
        return new Result(p.exitValue(), out);
    }
}
