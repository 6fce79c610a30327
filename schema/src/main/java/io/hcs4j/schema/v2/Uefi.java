package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.Uefi}. */
public class Uefi {
    @JsonProperty("EnableDebugger")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean enableDebugger;

    @JsonProperty("ApplySecureBootTemplate")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String applySecureBootTemplate;

    @JsonProperty("SecureBootTemplateId")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String secureBootTemplateId;

    @JsonProperty("BootThis")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public UefiBootEntry bootThis;

    @JsonProperty("Console")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String console;
}
