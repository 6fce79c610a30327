package io.hcs4j.platform.windows;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SOCKADDR_HV's layout, checked against mingw-w64's hvsocket.h (the GUID byte order: uvm's VsockTemplateTest). */
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
}
