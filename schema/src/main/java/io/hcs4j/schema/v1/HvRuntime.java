package io.hcs4j.schema.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema1 type {@code schema1.HvRuntime}. */
public class HvRuntime {
    @JsonProperty("ImagePath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String imagePath;

    @JsonProperty("SkipTemplate")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean skipTemplate;

    @JsonProperty("LinuxInitrdFile")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String linuxInitrdFile;

    @JsonProperty("LinuxKernelFile")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String linuxKernelFile;

    @JsonProperty("LinuxBootParameters")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String linuxBootParameters;

    @JsonProperty("BootSource")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String bootSource;

    @JsonProperty("WritableBootSource")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean writableBootSource;
}
