package io.hcs4j.shim.cli;

import java.io.ByteArrayOutputStream;

/**
 * Encodes containerd.task.v2.DeleteResponse {pid=1, exit_status=2, exited_at=3 (Timestamp seconds=1,
 * nanos=2)} by hand, so the delete command answers without loading protobuf-java (it runs on every teardown).
 * DeleteResponseEncoderTest checks it against the generated class.
 */
final class DeleteResponseEncoder {
    private DeleteResponseEncoder() {
    }

    static byte[] encode(int pid, int exitStatus, long seconds, int nanos) {
        ByteArrayOutputStream timestamp = new ByteArrayOutputStream();
        if (seconds != 0) {
            varintField(timestamp, 1, seconds);
        }
        if (nanos != 0) {
            varintField(timestamp, 2, nanos);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (pid != 0) {
            varintField(out, 1, Integer.toUnsignedLong(pid));
        }
        if (exitStatus != 0) {
            varintField(out, 2, Integer.toUnsignedLong(exitStatus));
        }
        byte[] ts = timestamp.toByteArray();
        varint(out, (3 << 3) | 2);
        varint(out, ts.length);
        out.writeBytes(ts);
        return out.toByteArray();
    }

    private static void varintField(ByteArrayOutputStream out, int field, long value) {
        varint(out, (long) field << 3);
        varint(out, value);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
