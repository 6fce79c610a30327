package io.hcs4j.shim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.protobuf.Any;
import io.hcs4j.shim.api.runhcs.Options;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** The hand decoder of start's runtime options against the generated Options class. */
class RuntimeOptionsTest {
    private static byte[] any(Options o) {
        return Any.newBuilder().setTypeUrl("containerd.runhcs.v1.Options").setValue(o.toByteString()).build().toByteArray();
    }

    @Test
    void debugWinsOverLogLevel() {
        assertEquals(Level.DEBUG, RuntimeOptions.logLevel(any(Options.newBuilder().setDebug(true).setLogLevel("error").build())));
    }

    @Test
    void logLevelNamesAreLogrusNames() {
        assertEquals(Level.WARN, RuntimeOptions.logLevel(any(Options.newBuilder().setLogLevel("warning")
                .setSandboxImage("x").setVmProcessorCount(2).build())));
        assertEquals(Level.TRACE, RuntimeOptions.logLevel(any(Options.newBuilder().setLogLevel("trace").build())));
        assertEquals(Level.ERROR, RuntimeOptions.logLevel(any(Options.newBuilder().setLogLevel("fatal").build())));
        assertNull(RuntimeOptions.logLevel(any(Options.newBuilder().setLogLevel("loud").build())));
    }

    @Test
    void noOrOtherOrMalformedOptionsAreNoLevel() {
        assertNull(RuntimeOptions.logLevel(new byte[0]));
        assertNull(RuntimeOptions.logLevel(any(Options.getDefaultInstance())));
        assertNull(RuntimeOptions.logLevel(Any.newBuilder().setTypeUrl("other.Options")
                .setValue(Options.newBuilder().setDebug(true).build().toByteString()).build().toByteArray()));
        assertNull(RuntimeOptions.logLevel(new byte[] {0x0a, 0x7f, 0x01}));
        assertNull(RuntimeOptions.logLevel(new byte[] {(byte) 0xff, (byte) 0xff}));
    }
}
