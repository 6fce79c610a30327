package io.hcs4j.hcs.raw;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;
import com.sun.jna.PointerType;
import com.sun.jna.Structure;
import com.sun.jna.WString;
import com.sun.jna.ptr.ByReference;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Compares {@link ComputeCore} with the Windows SDK declarations shipped by Debian's mingw-w64-common
 * ({@code computecore.h}): the same functions, and for each the same return kind, parameter count and parameter
 * kinds (pointer-sized, 32-bit, 64-bit). On x64 those kinds fix the calling convention, so a match means the JNA
 * proxy passes every argument in the register or slot the DLL reads it from.
 */
class ComputeCoreSignatureTest {
    static final Path HEADER = Path.of("/usr/share/mingw-w64/include/computecore.h");

    enum Kind { VOID, PTR, I32, I64 }

    private static final Set<String> POINTER_TYPES = Set.of("PCWSTR", "PWSTR", "HANDLE", "HCS_OPERATION",
            "HCS_SYSTEM", "HCS_PROCESS", "HCS_OPERATION_COMPLETION", "HCS_EVENT_CALLBACK");
    private static final Set<String> INT32_TYPES = Set.of("DWORD", "HRESULT", "UINT", "INT", "LONG", "ULONG",
            "HCS_EVENT_OPTIONS", "HCS_OPERATION_TYPE", "HCS_NOTIFICATION_FLAGS");
    private static final Set<String> INT64_TYPES = Set.of("UINT64", "ULONGLONG", "LONGLONG", "INT64");

    record Signature(Kind result, List<Kind> parameters) {
    }

    static Kind cKind(String declaration) {
        String d = declaration.replace("const ", "").trim();
        if (d.contains("*")) {
            return Kind.PTR;
        }
        String type = d.split("\\s+")[0];
        if (type.equals("void")) {
            return Kind.VOID;
        }
        if (POINTER_TYPES.contains(type)) {
            return Kind.PTR;
        }
        if (INT32_TYPES.contains(type)) {
            return Kind.I32;
        }
        if (INT64_TYPES.contains(type)) {
            return Kind.I64;
        }
        throw new AssertionError("computecore.h uses a type this test does not classify: " + declaration);
    }

    static Kind javaKind(Class<?> c) {
        if (c == void.class) {
            return Kind.VOID;
        }
        if (c == int.class) {
            return Kind.I32;
        }
        if (c == long.class) {
            return Kind.I64;
        }
        if (c == Pointer.class || c == WString.class || c == String.class || Structure.class.isAssignableFrom(c)
                || Callback.class.isAssignableFrom(c) || ByReference.class.isAssignableFrom(c)
                || PointerType.class.isAssignableFrom(c) || c.isArray()) {
            return Kind.PTR;
        }
        throw new AssertionError("ComputeCore uses a Java type this test does not classify: " + c);
    }

    static Map<String, Signature> parseHeader(String text) {
        String flat = text.replaceAll("(?m)^\\s*#.*$", " ").replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("\\s+", " ");
        Matcher m = Pattern.compile("([A-Za-z_][\\w ]*?\\*?) WINAPI (\\w+) ?\\(([^)]*)\\);").matcher(flat);
        Map<String, Signature> out = new TreeMap<>();
        while (m.find()) {
            List<Kind> params = new ArrayList<>();
            String list = m.group(3).trim();
            if (!list.isEmpty() && !list.equals("void")) {
                for (String p : list.split(",")) {
                    params.add(cKind(p));
                }
            }
            out.put(m.group(2), new Signature(cKind(m.group(1)), params));
        }
        return out;
    }

    static Map<String, Signature> javaSignatures(Class<?> api) {
        Map<String, Signature> out = new TreeMap<>();
        for (Method method : api.getDeclaredMethods()) {
            List<Kind> params = new ArrayList<>();
            for (Class<?> p : method.getParameterTypes()) {
                params.add(javaKind(p));
            }
            if (out.put(method.getName(), new Signature(javaKind(method.getReturnType()), params)) != null) {
                fail("overloaded native method " + method.getName());
            }
        }
        return out;
    }

    @Test
    void everyComputeCoreFunctionMatchesTheHeader() throws IOException {
        assertTrue(Files.isRegularFile(HEADER), HEADER + " is missing: apt-get install mingw-w64-common");
        Map<String, Signature> header = parseHeader(Files.readString(HEADER));
        assertTrue(header.size() >= 50, "parsed only " + header.size() + " prototypes from " + HEADER);
        Map<String, Signature> java = javaSignatures(ComputeCore.class);

        assertEquals(header.keySet(), java.keySet(), "function names");
        for (var e : header.entrySet()) {
            assertEquals(e.getValue(), java.get(e.getKey()), e.getKey());
        }
    }

    @Test
    void parserClassifiesKnownPrototypes() {
        Map<String, Signature> parsed = parseHeader("""
                UINT64 WINAPI HcsGetOperationId (HCS_OPERATION operation);
                HRESULT WINAPI HcsWaitForOperationResult (HCS_OPERATION operation, DWORD timeoutMs,
                    PWSTR *resultDocument);
                void WINAPI HcsCloseOperation (HCS_OPERATION operation);
                """);
        assertEquals(new Signature(Kind.I64, List.of(Kind.PTR)), parsed.get("HcsGetOperationId"));
        assertEquals(new Signature(Kind.I32, List.of(Kind.PTR, Kind.I32, Kind.PTR)),
                parsed.get("HcsWaitForOperationResult"));
        assertEquals(new Signature(Kind.VOID, List.of(Kind.PTR)), parsed.get("HcsCloseOperation"));
    }

    @Test
    void aMismatchIsDetected() {
        Map<String, Signature> header = parseHeader(
                "HRESULT WINAPI HcsWaitForOperationResult (HCS_OPERATION operation, DWORD timeoutMs, PWSTR *r);");
        Signature wrong = new Signature(Kind.I32, List.of(Kind.PTR, Kind.I64, Kind.PTR));
        assertTrue(!header.get("HcsWaitForOperationResult").equals(wrong));
    }

    /** vmcompute.dll has no header; its interface is at least internally consistent: 26 functions, no overloads. */
    @Test
    void vmComputeHasTheTwentySixExportsHcsshimUses() {
        Map<String, Signature> java = javaSignatures(VmCompute.class);
        assertEquals(26, java.size());
        // HcsOpenProcess takes the pid as a 32-bit value; everything else is pointer-sized.
        assertEquals(List.of(Kind.PTR, Kind.I32, Kind.PTR, Kind.PTR), java.get("HcsOpenProcess").parameters());
        java.forEach((name, sig) -> {
            assertEquals(Kind.I32, sig.result(), name + " returns an HRESULT");
            if (!name.equals("HcsOpenProcess")) {
                sig.parameters().forEach(k -> assertEquals(Kind.PTR, k, name));
            }
        });
    }
}
