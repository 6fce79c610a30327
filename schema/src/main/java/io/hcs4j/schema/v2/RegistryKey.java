package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.RegistryKey}. */
public class RegistryKey {
    @JsonProperty("Hive")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public RegistryHive hive;

    @JsonProperty("Name")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String name;

    @JsonProperty("Volatile")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean volatile_;
}
