package io.hcs4j.runhcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ControlTest {
    @Test
    void framesRoundTripWithExactBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        byte[] hi = "hi".getBytes(StandardCharsets.UTF_8);
        Control.writeFrame(out, Control.STDOUT, hi, 2);
        Control.writeExit(out, 258);
        assertArrayEquals(new byte[] {2, 0, 0, 0, 2, 'h', 'i', 4, 0, 0, 0, 4, 0, 0, 1, 2}, bytes.toByteArray());

        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        Control.Frame f = Control.readFrame(in);
        assertEquals(Control.STDOUT, f.type());
        assertArrayEquals(hi, f.data());
        assertEquals(258, Control.readFrame(in).exitCode());
        assertNull(Control.readFrame(in));
    }

    @Test
    void badFramesAreRefused() {
        assertThrows(IOException.class, () -> Control.readFrame(new DataInputStream(
                new ByteArrayInputStream(new byte[] {2, 0x7f, 0, 0, 0}))));
        assertThrows(IOException.class, () -> Control.readFrame(new DataInputStream(
                new ByteArrayInputStream(new byte[] {4, 0, 0, 0, 1, 9}))));
        assertThrows(IOException.class, () -> Control.readFrame(new DataInputStream(
                new ByteArrayInputStream(new byte[] {2, 0, 0, 0, 5, 1}))));
    }

    @Test
    void linesAreJsonObjects() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Control.writeLine(bytes, Control.request("state"));
        assertEquals("{\"op\":\"state\"}\n", bytes.toString(StandardCharsets.UTF_8));
        assertEquals("state", Control.readLine(new ByteArrayInputStream(bytes.toByteArray())).path("op").asText());
        assertNull(Control.readLine(new ByteArrayInputStream(new byte[0])));
        assertThrows(IOException.class, () -> Control.readLine(new ByteArrayInputStream("{\"op\"".getBytes())));
        assertThrows(IOException.class, () -> Control.readLine(new ByteArrayInputStream("{nope}\n".getBytes())));
    }
}
