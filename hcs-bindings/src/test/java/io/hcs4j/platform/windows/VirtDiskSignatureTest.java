package io.hcs4j.platform.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link VirtDisk} against mingw-w64's virtdisk.h: each declared function exists there with the same return and
 * parameter kinds (on x64 a pointer, a 32-bit or a 64-bit value fixes where an argument travels), in the header's
 * order; and the structures built by hand have the header's members at the offsets used.
 */
class VirtDiskSignatureTest {
    private static final Path HEADER = Path.of("/usr/share/mingw-w64/include/virtdisk.h");
    private static final Pattern DECL = Pattern.compile("VIRTDISKAPI\\s+DWORD\\s+WINAPI\\s+(\\w+)\\s*\\(([^)]*)\\)\\s*;");

    private static String cKind(String parameter) {
        String type = parameter.replace("const ", "").trim().split("\\s+")[0];
        if (type.startsWith("P") || type.startsWith("LP") || type.equals("HANDLE") || parameter.contains("*")) {
            return "ptr";
        }
        if (type.equals("ULONG64")) {
            return "i64";
        }
        if (type.equals("ULONG") || type.equals("DWORD") || type.endsWith("_FLAG") || type.endsWith("_MASK")) {
            return "i32";
        }
        throw new AssertionError("virtdisk.h type this test does not classify: " + parameter);
    }

    private static String javaKind(Class<?> c) {
        if (c == int.class) {
            return "i32";
        }
        if (c == long.class) {
            return "i64";
        }
        if (c == Pointer.class || c == WString.class || c == HANDLE.class || c == HANDLEByReference.class
                || c == IntByReference.class) {
            return "ptr";
        }
        throw new AssertionError("VirtDisk Java type this test does not classify: " + c);
    }

    @Test
    void declaredFunctionsMatchTheHeaderInItsOrder() throws IOException {
        assertTrue(Files.exists(HEADER), HEADER + " is missing: apt-get install mingw-w64-common");
        Map<String, String> header = new TreeMap<>();
        List<String> headerOrder = new ArrayList<>();
        Matcher m = DECL.matcher(Files.readString(HEADER).replaceAll("\\s+", " "));
        while (m.find()) {
            List<String> kinds = new ArrayList<>();
            for (String p : m.group(2).split(",")) {
                kinds.add(cKind(p));
            }
            header.put(m.group(1), "i32 " + kinds);
            headerOrder.add(m.group(1));
        }
        assertTrue(header.containsKey("CreateVirtualDisk"), "functions found in " + HEADER + ": " + header.keySet());

        Map<String, String> declared = new TreeMap<>();
        for (Method method : VirtDisk.class.getDeclaredMethods()) {
            if (java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            List<String> kinds = new ArrayList<>();
            for (Class<?> p : method.getParameterTypes()) {
                kinds.add(javaKind(p));
            }
            declared.put(method.getName(), javaKind(method.getReturnType()) + " " + kinds);
        }
        assertEquals(5, declared.size());
        for (Map.Entry<String, String> d : declared.entrySet()) {
            assertEquals(header.get(d.getKey()), d.getValue(), d.getKey());
        }
        // Source order is the header's (alphabetical within its block).
        String source = Files.readString(Path.of("src/main/java/io/hcs4j/platform/windows/VirtDisk.java"));
        List<String> sourceOrder = new ArrayList<>();
        Matcher s = Pattern.compile("int (\\w+)\\(").matcher(source);
        while (s.find()) {
            if (declared.containsKey(s.group(1))) {
                sourceOrder.add(s.group(1));
            }
        }
        List<String> expected = new ArrayList<>(headerOrder);
        expected.retainAll(declared.keySet());
        assertEquals(expected, sourceOrder);
    }

    @Test
    void createParametersFollowTheHeadersVersion2Members() throws IOException {
        String flat = Files.readString(HEADER).replaceAll("\\s+", " ");
        // Version, then the union (8-aligned, at 8); the members used come first in Version1 and Version2 alike.
        // (mingw-w64's Version2 lacks PhysicalSectorSizeInBytes, which Microsoft's header has after
        // SectorSizeInBytes; nothing set here lies past it.)
        assertTrue(flat.contains("typedef struct _CREATE_VIRTUAL_DISK_PARAMETERS { CREATE_VIRTUAL_DISK_VERSION Version;"
                + " __C89_NAMELESS union { struct { GUID UniqueId; ULONGLONG MaximumSize; ULONG BlockSizeInBytes;"
                + " ULONG SectorSizeInBytes; PCWSTR ParentPath; PCWSTR SourcePath; } Version1;"), "layout changed");
        assertTrue(flat.contains("struct { GUID UniqueId; ULONGLONG MaximumSize; ULONG BlockSizeInBytes;"
                + " ULONG SectorSizeInBytes; PCWSTR ParentPath; PCWSTR SourcePath; OPEN_VIRTUAL_DISK_FLAG OpenFlags;"),
                "Version2 changed");
        assertTrue(flat.contains("typedef struct _VIRTUAL_STORAGE_TYPE { ULONG DeviceId; GUID VendorId; }"));
        Memory p = VirtDisk.createParametersV2(20L << 30, 1 << 20);
        assertEquals(2, p.getInt(0));
        assertEquals(20L << 30, p.getLong(24));
        assertEquals(1 << 20, p.getInt(32));
        Memory t = VirtDisk.vhdxStorageType();
        assertEquals(3, t.getInt(0));
        assertEquals(0xec984aec, t.getInt(4), "the GUID's first field, little-endian");
    }
}
