package io.hcs4j.uvm.transport;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SOCKADDR_HV and the GUID byte order, checked against mingw-w64's hvsocket.h. */
class SockaddrHvLayoutTest {
    private static final Path HEADER = Path.of("/usr/share/mingw-w64/include/hvsocket.h");
    /** Sizes and alignments of the header's field types on Windows x64. */
    private static final Map<String, int[]> TYPES = Map.of(
            "ADDRESS_FAMILY", new int[] {2, 2}, "USHORT", new int[] {2, 2}, "GUID", new int[] {16, 4});

    private static String header() throws IOException {
        assertTrue(Files.exists(HEADER), "install mingw-w64-common for " + HEADER);
        return Files.readString(HEADER);
    }

    static final class Exposed extends SockaddrHv {
        int offset(String field) {
            return fieldOffset(field);
        }
    }

    @Test
    void layoutMatchesTheHeader() throws IOException {
        Matcher struct = Pattern.compile("typedef struct _SOCKADDR_HV\\s*\\{([^}]*)}").matcher(header());
        assertTrue(struct.find(), "SOCKADDR_HV in " + HEADER);
        Matcher field = Pattern.compile("(\\w+)\\s+(\\w+);").matcher(struct.group(1));
        List<String> names = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        int offset = 0;
        int maxAlign = 1;
        while (field.find()) {
            int[] sizeAlign = TYPES.get(field.group(1));
            offset = (offset + sizeAlign[1] - 1) / sizeAlign[1] * sizeAlign[1];
            names.add(field.group(2));
            offsets.add(offset);
            offset += sizeAlign[0];
            maxAlign = Math.max(maxAlign, sizeAlign[1]);
        }
        int size = (offset + maxAlign - 1) / maxAlign * maxAlign;
        assertEquals(List.of("Family", "Reserved", "VmId", "ServiceId"), names);

        Exposed jna = new Exposed();
        assertEquals(size, jna.size());
        assertEquals(36, jna.size());
        String[] ours = {"family", "reserved", "vmId", "serviceId"};
        for (int i = 0; i < ours.length; i++) {
            assertEquals(offsets.get(i), jna.offset(ours[i]), ours[i]);
        }
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
