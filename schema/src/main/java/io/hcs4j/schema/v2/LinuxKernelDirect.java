package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.LinuxKernelDirect}. */
public class LinuxKernelDirect {
    @JsonProperty("KernelFilePath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String kernelFilePath;

    @JsonProperty("InitRdPath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String initRdPath;

    @JsonProperty("KernelCmdLine")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String kernelCmdLine;
}
