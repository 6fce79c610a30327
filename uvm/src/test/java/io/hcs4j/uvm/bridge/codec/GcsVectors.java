package io.hcs4j.uvm.bridge.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The frames of shared/vectors/gcs/*.bridge.jsonl (transcripts of the reference GCS). */
public final class GcsVectors {
    public record RecordedFrame(String file, int seq, boolean hostToGuest, int type, long id, int size,
                                String headerHex, JsonNode body, boolean trailingNewline) {
        @Override
        public String toString() {
            return file + "#" + seq;
        }

        /**
         * The recorder rewrote paths (layer paths, and the source paths in the guest's Go stack traces) without
         * fixing the header's size, so these bodies cannot be re-encoded to the recorded length.
         */
        public boolean pathsRewritten() {
            return REWRITTEN.contains(toString());
        }
    }

    private static final java.util.Set<String> REWRITTEN = java.util.Set.of(
            "lifecycle.bridge.jsonl#4", "lifecycle.bridge.jsonl#21", "lifecycle.bridge.jsonl#61",
            "lifecycle.bridge.jsonl#70", "lifecycle.bridge.jsonl#73", "stdio-close.bridge.jsonl#4");

    private GcsVectors() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("hcs4j.shared.dir", "../../shared"), "vectors", "gcs");
    }

    public static List<RecordedFrame> frames() {
        ObjectMapper mapper = new ObjectMapper();
        List<RecordedFrame> frames = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir())) {
            for (Path file : files.filter(p -> p.toString().endsWith(".bridge.jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    JsonNode n = mapper.readTree(line);
                    if (n.has("event")) {
                        continue;
                    }
                    frames.add(new RecordedFrame(file.getFileName().toString(), n.get("seq").asInt(),
                            n.get("dir").asText().equals("host->guest"),
                            Integer.parseUnsignedInt(n.get("type").asText().substring(2), 16),
                            n.get("id").asLong(), n.get("size").asInt(), n.get("hdr_hex").asText(),
                            n.get("body"), n.get("body_trailing_newline").asBoolean()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return frames;
    }
}
