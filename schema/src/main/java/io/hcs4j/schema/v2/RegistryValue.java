package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.RegistryValue}. */
public class RegistryValue {
    @JsonProperty("Key")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public RegistryKey key;

    @JsonProperty("Name")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String name;

    @JsonProperty("Type")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public RegistryValueType type;

    @JsonProperty("StringValue")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String stringValue;

    @JsonProperty("BinaryValue")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String binaryValue;

    @JsonProperty("DWordValue")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int dWordValue;

    @JsonProperty("QWordValue")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int qWordValue;

    @JsonProperty("CustomType")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int customType;
}
