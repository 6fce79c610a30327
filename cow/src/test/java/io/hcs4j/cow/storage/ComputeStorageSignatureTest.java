package io.hcs4j.cow.storage;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link ComputeStorage} against mingw-w64's computestorage.h: same functions, same parameter and return types. */
class ComputeStorageSignatureTest {
    private static final Path HEADER = Path.of("/usr/share/mingw-w64/include/computestorage.h");
    private static final Pattern DECL = Pattern.compile("(\\w+)\\s+WINAPI\\s+(\\w+)\\s*\\(([^)]*)\\)\\s*;");
    private static final Map<String, Class<?>> TYPES = Map.of(
            "HRESULT", int.class,
            "PCWSTR", WString.class,
            "HANDLE", Pointer.class,
            "PWSTR*", PointerByReference.class);

    @Test
    void everyFunctionOfTheHeaderIsDeclaredWithTheSameTypes() throws IOException {
        assertTrue(Files.exists(HEADER), HEADER + " is missing: apt-get install mingw-w64-common");
        Map<String, String> expected = new TreeMap<>();
        Matcher m = DECL.matcher(Files.readString(HEADER));
        while (m.find()) {
            List<String> params = new ArrayList<>();
            for (String p : m.group(3).split(",")) {
                String type = p.trim().replaceAll("\\s*\\*\\s*", "* ").split("\\s+")[0];
                params.add(TYPES.get(type).getSimpleName());
            }
            expected.put(m.group(2), TYPES.get(m.group(1)).getSimpleName() + " " + params);
        }
        assertEquals(12, expected.size(), "functions found in " + HEADER);

        Map<String, String> actual = new TreeMap<>();
        for (Method method : ComputeStorage.class.getDeclaredMethods()) {
            List<String> params = new ArrayList<>();
            for (Class<?> p : method.getParameterTypes()) {
                params.add(p.getSimpleName());
            }
            actual.put(method.getName(), method.getReturnType().getSimpleName() + " " + params);
        }
        assertEquals(expected, actual);
    }

    @Test
    void headerOrderIsKept() throws IOException {
        assertTrue(Files.exists(HEADER), HEADER + " is missing: apt-get install mingw-w64-common");
        Map<String, Integer> order = new LinkedHashMap<>();
        Matcher m = DECL.matcher(Files.readString(HEADER));
        while (m.find()) {
            order.put(m.group(2), order.size());
        }
        // Source order of the interface, read from its source file (reflection order is unspecified).
        String source = Files.readString(Path.of("src/main/java/io/hcs4j/cow/storage/ComputeStorage.java"));
        List<String> declared = new ArrayList<>();
        Matcher d = Pattern.compile("int (Hcs\\w+)\\(").matcher(source);
        while (d.find()) {
            declared.add(d.group(1));
        }
        assertEquals(new ArrayList<>(order.keySet()), declared);
    }
}
