package io.hcs4j.shim.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.hcs4j.schema.Json;
import io.hcs4j.shim.api.cgroups.Metrics;
import java.util.Iterator;
import java.util.Map;

/**
 * A Linux guest's LCOWMetrics as cgroup v1 {@link Metrics}. The guest's JSON keys are the proto's field names
 * (containerd's cgroups types carry them as JSON tags), so the document is copied by field descriptor, every
 * field; a key the proto does not know is refused rather than dropped.
 */
public final class GuestMetrics {
    private GuestMetrics() {
    }

    public static Metrics toProto(io.hcs4j.schema.guest.Metrics metrics) {
        Metrics.Builder b = Metrics.newBuilder();
        merge(Json.mapper().valueToTree(metrics), b);
        return b.build();
    }

    private static void merge(JsonNode object, Message.Builder b) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            FieldDescriptor field = b.getDescriptorForType().findFieldByName(f.getKey());
            if (field == null) {
                throw new IllegalArgumentException(b.getDescriptorForType().getFullName() + " has no field " + f.getKey());
            }
            if (f.getValue().isNull()) {
                continue;
            }
            if (field.isRepeated()) {
                for (JsonNode element : f.getValue()) {
                    b.addRepeatedField(field, value(field, element, b));
                }
            } else {
                b.setField(field, value(field, f.getValue(), b));
            }
        }
    }

    private static Object value(FieldDescriptor field, JsonNode v, Message.Builder parent) {
        return switch (field.getJavaType()) {
            case MESSAGE -> {
                Message.Builder child = parent.newBuilderForField(field);
                merge(v, child);
                yield child.build();
            }
            case STRING -> v.asText();
            case LONG -> v.bigIntegerValue().longValue(); // uint64: the same 64 bits
            case INT -> v.bigIntegerValue().intValue();   // uint32
            case BOOLEAN -> v.asBoolean();
            default -> throw new IllegalArgumentException("unexpected field type of " + field.getFullName());
        };
    }
}
