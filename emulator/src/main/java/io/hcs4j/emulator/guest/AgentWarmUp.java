package io.hcs4j.emulator.guest;

import io.hcs4j.schema.Json;
import io.hcs4j.schema.guest.BridgeMessages;
import io.hcs4j.schema.guest.GuestProcessParameters;
import io.hcs4j.schema.guest.LCOWCombinedLayers;
import io.hcs4j.schema.guest.LCOWContainerConstraints;
import io.hcs4j.schema.guest.LCOWMappedDirectory;
import io.hcs4j.schema.guest.LCOWMappedVPMemDevice;
import io.hcs4j.schema.guest.LCOWMappedVirtualDisk;
import io.hcs4j.schema.guest.LCOWNetworkAdapter;
import io.hcs4j.schema.guest.LinuxHostedSystem;
import io.hcs4j.schema.guest.MsgType;
import io.hcs4j.schema.guest.ResponseBase;
import io.hcs4j.schema.guest.SCSIDevice;
import io.hcs4j.schema.guest.SignalProcessOptionsLCOW;
import io.hcs4j.schema.oci.Process;
import io.hcs4j.schema.oci.Spec;
import io.hcs4j.uvm.bridge.codec.BodyCodec;
import io.hcs4j.uvm.bridge.codec.Frame;
import io.hcs4j.uvm.bridge.codec.FrameCodec;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * What a VM's first requests touch, done by a pooled agent before it offers itself, so that the claimed one answers
 * like an agent that has served a VM: every bridge request and response type read and written through the bridge's
 * codecs, the documents nested in them, and the runtime's bundle spec built and written to memory. Nothing is
 * created, started or written to disk. Repeated so that the compiler has compiled the paths by the end.
 */
final class AgentWarmUp {
    private static final int ROUNDS = 3;
    /** The highest procedure number of the bridge protocol, and then some. */
    private static final int MAX_PROC = 0x20;
    /** The documents requests carry as settings, converted when a request is served. */
    private static final List<Class<?>> NESTED = List.of(LinuxHostedSystem.class, Spec.class, Process.class,
            LCOWCombinedLayers.class, LCOWContainerConstraints.class, LCOWMappedVirtualDisk.class,
            LCOWMappedVPMemDevice.class, LCOWMappedDirectory.class, SCSIDevice.class, LCOWNetworkAdapter.class,
            GuestProcessParameters.class, SignalProcessOptionsLCOW.class);

    private AgentWarmUp() {
    }

    static void run() throws Exception {
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < ROUNDS; round++) {
            for (int proc = 0; proc <= MAX_PROC; proc++) {
                Class<?> request = BridgeMessages.requestType(proc);
                if (request != null) {
                    byte[] frame = FrameCodec.encode(new Frame(MsgType.request(proc), round, empty));
                    BodyCodec.decode(FrameCodec.read(new ByteArrayInputStream(frame)).body(), request);
                }
                Class<? extends ResponseBase> response = BridgeMessages.responseType(proc);
                if (response != null) {
                    BodyCodec.encode(response.getDeclaredConstructor().newInstance(), BodyCodec.Writer.GUEST);
                }
            }
            for (Class<?> nested : NESTED) {
                Json.write(Json.convert(Json.mapper().createObjectNode(), nested));
            }
            Spec spec = new Spec();
            spec.process = new Process();
            Json.write(BundleSpec.of(spec, Path.of("/"), "warm-up"));
        }
    }
}
