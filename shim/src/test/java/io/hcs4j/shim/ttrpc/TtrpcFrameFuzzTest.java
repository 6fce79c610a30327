package io.hcs4j.shim.ttrpc;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.hcs4j.schema.FuzzCorpus;
import io.hcs4j.shim.api.task.ExecProcessRequest;
import io.hcs4j.shim.api.task.StateRequest;
import io.hcs4j.shim.ttrpc.proto.Request;
import io.hcs4j.shim.ttrpc.proto.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Fuzz target for the shim's ttrpc decoder: a byte stream from a client is cut into frames
 * ({@link FrameCodec#read}) and request and response payloads parsed as ttrpc's {@link Request} and
 * {@link Response}. Allowed failures: {@link EOFException} (stream ends inside a frame),
 * {@link OversizedFrameException} (then decoding goes on, as the server does) and
 * {@link InvalidProtocolBufferException} (the server answers INVALID_ARGUMENT); no hang, no OOM.
 *
 * <p>The corpus is seeded with Task requests, an Exec carrying the OCI process of shared/vectors/schema/oci,
 * a response, a data frame and an oversized header, one by one and as one stream.
 */
class TtrpcFrameFuzzTest {
    static List<byte[]> seeds() throws IOException {
        Path process = Path.of(System.getProperty("hcs4j.shared.dir", "../../shared"), "vectors", "schema", "oci",
                "Process.full.json");
        ExecProcessRequest exec = ExecProcessRequest.newBuilder().setId("c1").setExecId("e1").setStdout("/out")
                .setSpec(Any.newBuilder().setTypeUrl("types.containerd.io/opencontainers/runtime-spec/1/Process")
                        .setValue(ByteString.copyFrom(Files.readAllBytes(process))))
                .build();
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(request(1, "Exec", exec.toByteString()));
        seeds.add(request(3, "State", StateRequest.newBuilder().setId("c1").build().toByteString()));
        seeds.add(FrameCodec.encode(new Frame(5, Frame.TYPE_RESPONSE, (byte) 0, Response.newBuilder()
                .setStatus(com.google.rpc.Status.newBuilder().setCode(5).setMessage("not found")).build().toByteArray())));
        seeds.add(FrameCodec.encode(new Frame(7, Frame.TYPE_DATA, (byte) 1, new byte[] {1, 2, 3})));
        seeds.add(new byte[] {0, 0x40, 0, 1, 0, 0, 0, 9, 1, 0});
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        seeds.forEach(stream::writeBytes);
        seeds.add(stream.toByteArray());
        return seeds;
    }

    private static byte[] request(int stream, String method, ByteString payload) {
        Request request = Request.newBuilder().setService("containerd.task.v2.Task").setMethod(method)
                .setPayload(payload).setTimeoutNano(1_000_000_000L).build();
        return FrameCodec.encode(new Frame(stream, Frame.TYPE_REQUEST, (byte) 0, request.toByteArray()));
    }

    @BeforeAll
    static void seedCorpus() throws IOException {
        FuzzCorpus.seed(TtrpcFrameFuzzTest.class, "decodeStream", seeds());
    }

    @FuzzTest(maxDuration = "30s")
    void decodeStream(byte[] input) throws IOException {
        InputStream in = new ByteArrayInputStream(input);
        while (true) {
            Frame frame;
            try {
                frame = FrameCodec.read(in);
            } catch (OversizedFrameException skipped) {
                continue;
            } catch (EOFException truncated) {
                return;
            }
            if (frame == null) {
                return;
            }
            try {
                if (frame.type() == Frame.TYPE_REQUEST) {
                    Request.parseFrom(frame.payload());
                } else if (frame.type() == Frame.TYPE_RESPONSE) {
                    Response.parseFrom(frame.payload());
                }
            } catch (InvalidProtocolBufferException malformed) {
                // answered with INVALID_ARGUMENT; the connection goes on
            }
        }
    }

    @TestFactory
    List<DynamicTest> everySeedDecodes() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        List<byte[]> seeds = seeds();
        for (int i = 0; i < seeds.size(); i++) {
            byte[] seed = seeds.get(i);
            tests.add(DynamicTest.dynamicTest("seed " + i, () -> decodeStream(seed)));
        }
        return tests;
    }
}
