package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.HvSocket}. */
public class HvSocket {
    @JsonProperty("Config")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public HvSocketSystemConfig config;

    @JsonProperty("EnablePowerShellDirect")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean enablePowerShellDirect;
}
