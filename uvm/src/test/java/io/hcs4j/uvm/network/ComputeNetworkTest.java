package io.hcs4j.uvm.network;

import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.ptr.PointerByReference;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComputeNetworkTest {
    private static final Path HEADER = Path.of("/usr/share/mingw-w64/include/computenetwork.h");
    /** How each C parameter type of the header is declared in Java. */
    private static final Map<String, Class<?>> JAVA_TYPES = Map.of(
            "REFGUID", Guid.GUID.class, "PHCN_ENDPOINT", PointerByReference.class, "PWSTR*", PointerByReference.class,
            "HCN_ENDPOINT", Pointer.class, "PCWSTR", WString.class);

    @Test
    void declarationsMatchTheMingwHeader() throws IOException {
        assertTrue(Files.exists(HEADER), "install mingw-w64-common for " + HEADER);
        String header = Files.readString(HEADER);
        for (Method method : ComputeNetwork.class.getDeclaredMethods()) {
            Matcher m = Pattern.compile("(\\w+) WINAPI " + method.getName() + " \\(([^)]*)\\);").matcher(header);
            assertTrue(m.find(), method.getName() + " in " + HEADER);
            assertEquals("HRESULT", m.group(1));
            assertEquals(int.class, method.getReturnType());
            List<Class<?>> expected = new ArrayList<>();
            for (String param : m.group(2).split(",")) {
                String[] words = param.trim().split("\\s+");
                String type = words[0] + (words[words.length - 1].startsWith("*") ? "*" : "");
                Class<?> java = JAVA_TYPES.get(type);
                assertTrue(java != null, "no Java type for " + type + " in " + method.getName());
                expected.add(java);
            }
            assertEquals(expected, Arrays.asList(method.getParameterTypes()), method.getName());
        }
    }

    @Test
    void endpointDocumentsBecomeTheGuestAdapter() throws IOException {
        Endpoint e = HcnEndpoints.parse("""
                {"ID":"b3f7c0e1-0000-4000-8000-000000000001","HostComputeNamespace":"5f0e1b2a-0000-4000-8000-00000000000b",
                 "MacAddress":"00-15-5D-12-34-56","IpConfigurations":[{"IpAddress":"10.0.0.5","PrefixLength":24}],
                 "Routes":[{"NextHop":"10.0.0.1","DestinationPrefix":"0.0.0.0/0","Metric":5}],
                 "Dns":{"Domain":"corp","ServerList":["10.0.0.10","10.0.0.11"]}}""");
        assertEquals("b3f7c0e1-0000-4000-8000-000000000001", e.id());
        assertEquals("00-15-5D-12-34-56", e.macAddress());
        assertEquals("5f0e1b2a-0000-4000-8000-00000000000b", e.guestAdapter().namespaceId);
        assertEquals("10.0.0.5", e.guestAdapter().ipConfigs.get(0).ipAddress);
        assertEquals(24, e.guestAdapter().ipConfigs.get(0).prefixLength);
        assertEquals("10.0.0.1", e.guestAdapter().routes.get(0).nextHop);
        assertEquals("10.0.0.10,10.0.0.11", e.guestAdapter().dnsServerList);
        assertThrows(IOException.class, () -> HcnEndpoints.parse("{}"));
    }
}
