package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;

/** HCS schema2 type {@code hcsschema.ProcessStatus}. */
public class ProcessStatus {
    @JsonProperty("ProcessId")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long processId;

    @JsonProperty("Exited")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean exited;

    @JsonProperty("ExitCode")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long exitCode;

    @JsonProperty("LastWaitResult")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int lastWaitResult;
}
