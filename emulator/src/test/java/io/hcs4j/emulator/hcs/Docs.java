package io.hcs4j.emulator.hcs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.UUID;

/** Documents the tests send, built as JSON trees (the schema types replace these once they land). */
final class Docs {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Docs() {
    }

    static String id() {
        return "test-" + UUID.randomUUID();
    }

    static ObjectNode container() {
        ObjectNode doc = MAPPER.createObjectNode().put("Owner", "hcs4j-test");
        doc.putObject("SchemaVersion").put("Major", 2).put("Minor", 1);
        doc.putObject("Container");
        return doc;
    }

    static ObjectNode vm() {
        ObjectNode doc = MAPPER.createObjectNode().put("Owner", "hcs4j-test");
        doc.putObject("SchemaVersion").put("Major", 2).put("Minor", 1);
        doc.putObject("VirtualMachine").putObject("ComputeTopology").putObject("Memory").put("SizeInMB", 512);
        return doc;
    }

    /** ProcessParameters running {@code args} with stdout and stderr pipes. */
    static ObjectNode process(String... args) {
        ObjectNode p = MAPPER.createObjectNode();
        ArrayNode a = p.putArray("CommandArgs");
        for (String s : args) {
            a.add(s);
        }
        return p.put("CreateStdOutPipe", true).put("CreateStdErrPipe", true);
    }

    static ObjectNode query(String... types) {
        ObjectNode q = MAPPER.createObjectNode();
        ArrayNode a = q.putArray("PropertyTypes");
        for (String t : types) {
            a.add(t);
        }
        return q;
    }
}
