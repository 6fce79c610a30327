package io.hcs4j.uvm.bridge.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hcs4j.schema.guest.ContainerNotification;
import io.hcs4j.schema.guest.ResponseBase;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A body that is not a JSON object never becomes a message: no null, no half-built value. */
class BodyCodecTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBodyThatIsNotAnObjectIsAProtocolError() {
        for (String body : new String[] {"null", " null\n", "", "[]", "0", "\"x\"", "{", "{} {}"}) {
            assertThrows(BridgeProtocolException.class, () -> BodyCodec.decode(utf8(body)), body);
            assertThrows(BridgeProtocolException.class, () -> BodyCodec.decode(utf8(body), ResponseBase.class), body);
        }
    }

    @Test
    void aFieldThatDoesNotFitIsAProtocolError() throws BridgeProtocolException {
        assertThrows(BridgeProtocolException.class,
                () -> BodyCodec.decode(utf8("{\"ContainerId\":{}}"), ContainerNotification.class));
        assertEquals(7, BodyCodec.decode(utf8("{\"Result\":7}"), ResponseBase.class).result);
    }
}
