package io.hcs4j.uvm.guest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.platform.Connection;
import io.hcs4j.uvm.bridge.codec.BridgeJson;
import io.hcs4j.uvm.bridge.codec.Frame;
import io.hcs4j.uvm.bridge.codec.FrameCodec;
import io.hcs4j.uvm.bridge.codec.GcsVectors;
import io.hcs4j.uvm.bridge.codec.MessageKind;
import io.hcs4j.uvm.bridge.codec.Rpc;
import io.hcs4j.uvm.transport.UnixSocketTransport;
import io.hcs4j.uvm.transport.VsockPorts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A guest that answers with the reference GCS's recorded frames (shared/vectors/gcs): each host request must
 * be the next one the reference host sent (same type, equal body apart from ActivityId, same size where the
 * recorder kept it); the guest then plays the recorded frames up to the next host request, dials the stdio
 * ports the host named (stdin, stdout, stderr), plays the recorded stdio, and holds each WaitForProcess answer
 * until the host has closed that process's stdout and stderr, as the reference does.
 */
final class ReplayGuest {
    private final Path vmDir;
    private final List<GcsVectors.RecordedFrame> frames;
    private final List<JsonNode> stdio;
    final List<String> mismatches = new CopyOnWriteArrayList<>();
    /** What the host wrote on each stdin, by recorded port. */
    final Map<Long, ByteArrayOutputStream> stdinReceived = new ConcurrentHashMap<>();
    private final Map<Long, Long> ids = new HashMap<>();
    private final Map<Integer, CompletableFuture<Void>> outputsClosed = new ConcurrentHashMap<>();
    private final List<Connection> sockets = new CopyOnWriteArrayList<>();
    /** The recorded port of each stdio connection. */
    private final Map<Connection, Long> portOf = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    ReplayGuest(Path vmDir, String scenario) throws IOException {
        this.vmDir = vmDir;
        this.frames = GcsVectors.frames().stream().filter(f -> f.file().equals(scenario + ".bridge.jsonl")).toList();
        this.stdio = new ArrayList<>();
        for (String line : Files.readAllLines(GcsVectors.dir().resolve(scenario + ".stdio.jsonl"))) {
            stdio.add(BridgeJson.mapper().readTree(line));
        }
    }

    /** Dials the host's GCS port and plays; completes when the host closes the bridge. */
    CompletableFuture<Void> start() {
        Thread t = new Thread(() -> {
            try (Connection bridge = UnixSocketTransport.dial(vmDir, VsockPorts.serviceId(VsockPorts.GCS_PORT))) {
                play(bridge);
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            } finally {
                for (Connection s : sockets) {
                    s.close();
                }
            }
        }, "replay-guest");
        t.setDaemon(true);
        t.start();
        return done;
    }

    private void play(Connection bridge) throws Exception {
        int cursor = 0;
        while (true) {
            Frame actual = FrameCodec.read(bridge.input());
            while (cursor < frames.size() && !frames.get(cursor).hostToGuest()) {
                cursor++;
            }
            if (actual == null) {
                if (cursor < frames.size()) {
                    mismatches.add("host closed the bridge before " + frames.get(cursor));
                }
                return;
            }
            if (cursor == frames.size()) {
                mismatches.add("unexpected host frame after the recording: " + actual);
                return;
            }
            GcsVectors.RecordedFrame recorded = frames.get(cursor++);
            compare(recorded, actual);
            if (actual.type() != recorded.type()) {
                return;
            }
            ids.put(recorded.id(), actual.id());
            ObjectNode request = BridgeJson.decode(actual.body());
            List<Connection> dialled = actual.type() == Rpc.EXECUTE_PROCESS.requestType()
                    ? dialStdio(recorded.body(), request) : List.of();
            for (; cursor < frames.size() && !frames.get(cursor).hostToGuest(); cursor++) {
                GcsVectors.RecordedFrame answer = frames.get(cursor);
                if (answer.type() == Rpc.EXECUTE_PROCESS.responseType() && answer.body().path("Result").asInt() == 0) {
                    track(answer.body().path("ProcessId").asInt(), dialled);
                }
                if (answer.type() == Rpc.WAIT_FOR_PROCESS.responseType()) {
                    CompletableFuture<Void> closed = outputsClosed.get(pidOfRequest(answer.id()));
                    if (closed != null) {
                        closed.get(10, TimeUnit.SECONDS);
                    }
                }
                long id = MessageKind.of(answer.type()) == MessageKind.NOTIFY ? 0 : ids.get(answer.id());
                bridge.output().write(FrameCodec.encode(new Frame(answer.type(), id,
                        BridgeJson.encode(answer.body(), BridgeJson.Style.GUEST))));
            }
        }
    }

    private int pidOfRequest(long recordedId) {
        return frames.stream().filter(f -> f.hostToGuest() && f.id() == recordedId).findFirst()
                .map(f -> f.body().path("ProcessId").asInt()).orElse(-1);
    }

    private void compare(GcsVectors.RecordedFrame recorded, Frame actual) throws IOException {
        if (actual.type() != recorded.type()) {
            mismatches.add(recorded + ": expected " + MessageKind.describe(recorded.type()) + ", host sent " + actual);
            return;
        }
        JsonNode expected = normalized(recorded.body());
        JsonNode got = normalized(BridgeJson.decode(actual.body()));
        if (!expected.equals(got)) {
            mismatches.add(recorded + ": body differs\n  reference " + expected + "\n  host      " + got);
        }
        if (!recorded.pathsRewritten() && actual.size() != recorded.size()) {
            mismatches.add(recorded + ": size " + actual.size() + ", reference " + recorded.size() + ": "
                    + new String(actual.body(), StandardCharsets.UTF_8));
        }
    }

    /** Without ActivityId, nested documents parsed. */
    private static JsonNode normalized(JsonNode node) {
        if (node.isTextual() && node.asText().startsWith("{")) {
            try {
                return normalized(BridgeJson.mapper().readTree(node.asText()));
            } catch (IOException notJson) {
                return node;
            }
        }
        if (node.isObject()) {
            ObjectNode copy = BridgeJson.object();
            node.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("ActivityId")) {
                    copy.set(e.getKey(), normalized(e.getValue()));
                }
            });
            return copy;
        }
        return node;
    }

    /** Dials the ports of the host's request in the reference's order, each playing its recorded stream. */
    private List<Connection> dialStdio(JsonNode recordedRequest, ObjectNode request) throws IOException {
        JsonNode recordedPorts = recordedRequest.path("Settings").path("VsockStdioRelaySettings");
        JsonNode ports = request.path("Settings").path("VsockStdioRelaySettings");
        List<Connection> outputs = new ArrayList<>();
        for (String stream : List.of("StdIn", "StdOut", "StdErr")) {
            long port = ports.path(stream).asLong(0);
            if (port == 0) {
                continue;
            }
            Connection c = UnixSocketTransport.dial(vmDir, VsockPorts.serviceId(port));
            sockets.add(c);
            long recordedPort = recordedPorts.path(stream).asLong();
            portOf.put(c, recordedPort);
            if (stream.equals("StdIn")) {
                thread(() -> {
                    ByteArrayOutputStream got = stdinReceived.computeIfAbsent(recordedPort, p -> new ByteArrayOutputStream());
                    try {
                        c.input().transferTo(got);
                    } catch (IOException ignored) {
                        // the host hung up
                    }
                });
            } else {
                outputs.add(c);
            }
        }
        return outputs;
    }

    /** Plays each output's recorded data, ends it, and notes when the host has closed it. */
    private void track(int pid, List<Connection> outputs) {
        List<CompletableFuture<Void>> closed = new ArrayList<>();
        for (Connection c : outputs) {
            CompletableFuture<Void> hostClosed = new CompletableFuture<>();
            closed.add(hostClosed);
            thread(() -> {
                try {
                    long port = portOf(c);
                    for (JsonNode e : stdio) {
                        if (e.path("port").asLong() == port && e.path("event").asText().equals("data")
                                && e.path("dir").asText().equals("guest->host")) {
                            String data = e.path("data").asText();
                            c.output().write(e.path("enc").asText().equals("base64") ? Base64.getDecoder().decode(data)
                                    : data.getBytes(StandardCharsets.UTF_8));
                        }
                    }
                    c.shutdownOutput();
                    while (c.input().read() >= 0) {
                        // the host never writes on an output; wait for its close
                    }
                } catch (IOException ignored) {
                    // the host closed it
                } finally {
                    hostClosed.complete(null);
                }
            });
        }
        outputsClosed.put(pid, CompletableFuture.allOf(closed.toArray(CompletableFuture[]::new)));
    }

    private long portOf(Connection c) {
        return portOf.getOrDefault(c, -1L);
    }

    private static void thread(Runnable r) {
        Thread t = new Thread(r, "replay-stdio");
        t.setDaemon(true);
        t.start();
    }
}
