package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;

/** HCS schema2 type {@code hcsschema.VirtualPciFunction}. */
public class VirtualPciFunction {
    @JsonProperty("DeviceInstancePath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String deviceInstancePath;

    @JsonProperty("VirtualFunction")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U16.class)
    public int virtualFunction;
}
