package io.hcs4j.emulator.hcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.hcs.raw.HResults;

/** HcsGetServiceProperties / HcsModifyServiceSettings of the emulated service. */
final class ServiceProperties {
    private ServiceProperties() {
    }

    /** Answers a ServiceQuery {"PropertyTypes": [...]}; "Basic" lists the supported schema versions. */
    static String query(String query) {
        ObjectNode q = JsonDocs.object(query, "service property query");
        ObjectNode out = JsonDocs.newObject();
        ArrayNode props = out.putArray("Properties");
        for (JsonNode t : q.path("PropertyTypes")) {
            if (!"Basic".equals(t.asText())) {
                throw new HcsFault(HResults.E_NOT_SUPPORTED, "service property type " + t.asText());
            }
            ArrayNode versions = props.addObject().putArray("SupportedSchemaVersions");
            versions.addObject().put("Major", 2).put("Minor", 1);
            versions.addObject().put("Major", 2).put("Minor", 5);
        }
        return out.toString();
    }

    /** Accepts a ModificationRequest {"PropertyType", "Settings"}; the emulator has nothing to change. */
    static void modify(String settings) {
        ObjectNode s = JsonDocs.object(settings, "service settings");
        if (!s.path("PropertyType").isTextual()) {
            throw new HcsFault(HResults.E_INVALIDARG, "service settings need a PropertyType");
        }
    }
}
