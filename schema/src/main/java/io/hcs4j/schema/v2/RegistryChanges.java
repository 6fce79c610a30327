package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** HCS schema2 type {@code hcsschema.RegistryChanges}. */
public class RegistryChanges {
    @JsonProperty("AddValues")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<RegistryValue> addValues;

    @JsonProperty("DeleteKeys")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<RegistryKey> deleteKeys;
}
