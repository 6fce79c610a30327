package io.hcs4j.uvm.transport;

import io.hcs4j.platform.windows.SockaddrHv;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vsock service template in SOCKADDR_HV's GUID byte order, checked against mingw-w64's hvsocket.h. */
class VsockTemplateTest {
    private static final Path HEADER = Path.of("/usr/share/mingw-w64/include/hvsocket.h");

    private static String header() throws IOException {
        assertTrue(Files.exists(HEADER), "install mingw-w64-common for " + HEADER);
        return Files.readString(HEADER);
    }

    @Test
    void guidBytesFollowTheDefineGuidOrder() throws IOException {
        Matcher define = Pattern.compile("DEFINE_GUID\\(HV_GUID_VSOCK_TEMPLATE,\\s*([^)]*)\\)").matcher(header());
        assertTrue(define.find());
        String[] parts = define.group(1).split(",\\s*");
        long data1 = Long.decode(parts[0]);
        int data2 = Integer.decode(parts[1]);
        int data3 = Integer.decode(parts[2]);
        byte[] expected = new byte[16];
        for (int i = 0; i < 4; i++) {
            expected[i] = (byte) (data1 >>> (8 * i));
        }
        expected[4] = (byte) data2;
        expected[5] = (byte) (data2 >>> 8);
        expected[6] = (byte) data3;
        expected[7] = (byte) (data3 >>> 8);
        for (int i = 0; i < 8; i++) {
            expected[8 + i] = (byte) (int) Integer.decode(parts[3 + i]);
        }
        UUID template = VsockPorts.serviceId(0);
        assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(SockaddrHv.guidBytes(template)));
        assertEquals(template, SockaddrHv.guid(expected));

        SockaddrHv addr = new SockaddrHv(UUID.randomUUID(), VsockPorts.serviceId(VsockPorts.GCS_PORT));
        assertEquals(34, addr.family);
        assertEquals(VsockPorts.serviceId(VsockPorts.GCS_PORT), SockaddrHv.guid(addr.serviceId));
    }
}
