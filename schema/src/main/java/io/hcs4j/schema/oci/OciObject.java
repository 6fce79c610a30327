package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of every OCI spec type: fields this version does not know are kept and written back, because the shim
 * passes the user's spec through to the guest and must not drop anything the user wrote.
 */
public abstract class OciObject {
    private final Map<String, Object> unknownFields = new LinkedHashMap<>();

    /** Fields read that this type does not declare, in the order read; live and writable. */
    @JsonAnyGetter
    public Map<String, Object> unknownFields() {
        return unknownFields;
    }

    @JsonAnySetter
    void putUnknownField(String name, Object value) {
        unknownFields.put(name, value);
    }
}
