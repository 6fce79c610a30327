package io.hcs4j.emulator.guest.runtime;

import io.hcs4j.platform.Connection;

/** The host connections of a process's stdio (the seeds' stdio.ConnectionSet); a null stream is not connected. */
public record Stdio(Connection in, Connection out, Connection err) {
    public static final Stdio NONE = new Stdio(null, null, null);

    /** Closes every connection (a process that could not start). */
    public void close() {
        for (Connection c : new Connection[] {in, out, err}) {
            if (c != null) {
                c.close();
            }
        }
    }
}
