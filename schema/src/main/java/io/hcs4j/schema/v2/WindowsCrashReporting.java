package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.WindowsCrashReporting}. */
public class WindowsCrashReporting {
    @JsonProperty("DumpFileName")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String dumpFileName;

    @JsonProperty("MaxDumpSize")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public long maxDumpSize;

    @JsonProperty("DumpType")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String dumpType;
}
