package io.hcs4j.uvm.bridge.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.schema.FuzzCorpus;
import io.hcs4j.schema.guest.BridgeMessages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Fuzz target for the host's bridge decoder: a byte stream from the guest is cut into frames
 * ({@link FrameCodec#read}) and each body decoded ({@link BodyCodec}) as the message its type names. The only
 * failure allowed is {@link BridgeProtocolException}; a decoded message is never null; no hang, no OOM.
 *
 * <p>The corpus is seeded with the frames of shared/vectors/gcs, one by one and as whole transcripts.
 */
class BridgeDecoderFuzzTest {
    static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        Map<String, ByteArrayOutputStream> streams = new LinkedHashMap<>();
        for (GcsVectors.RecordedFrame f : GcsVectors.frames()) {
            byte[] body = (f.body().toString() + (f.trailingNewline() ? "\n" : "")).getBytes(StandardCharsets.UTF_8);
            byte[] frame = new byte[FrameCodec.HEADER_SIZE + body.length];
            System.arraycopy(FrameCodec.header(f.type(), frame.length, f.id()), 0, frame, 0, FrameCodec.HEADER_SIZE);
            System.arraycopy(body, 0, frame, FrameCodec.HEADER_SIZE, body.length);
            seeds.add(frame);
            streams.computeIfAbsent(f.file() + f.hostToGuest(), k -> new ByteArrayOutputStream()).writeBytes(frame);
        }
        streams.values().forEach(s -> seeds.add(s.toByteArray()));
        return seeds;
    }

    @BeforeAll
    static void seedCorpus() throws IOException {
        FuzzCorpus.seed(BridgeDecoderFuzzTest.class, "decodeStream", seeds());
    }

    @FuzzTest(maxDuration = "30s")
    void decodeStream(byte[] input) throws IOException {
        InputStream in = new ByteArrayInputStream(input);
        try {
            for (Frame frame = FrameCodec.read(in); frame != null; frame = FrameCodec.read(in)) {
                ObjectNode body = BodyCodec.decode(frame.body());
                Class<?> type = BridgeMessages.bodyType(frame.type());
                if (type != null) {
                    Objects.requireNonNull(BodyCodec.read(body, type), "decoded message");
                }
            }
        } catch (BridgeProtocolException expected) {
            // the decoder's documented failure
        }
    }

    @TestFactory
    List<DynamicTest> everySeedDecodes() {
        List<DynamicTest> tests = new ArrayList<>();
        List<byte[]> seeds = seeds();
        for (int i = 0; i < seeds.size(); i++) {
            byte[] seed = seeds.get(i);
            tests.add(DynamicTest.dynamicTest("seed " + i, () -> decodeStream(seed)));
        }
        return tests;
    }
}
