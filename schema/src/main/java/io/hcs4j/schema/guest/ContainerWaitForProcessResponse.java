package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;

/** GCS bridge type {@code prot.ContainerWaitForProcessResponse}. */
public class ContainerWaitForProcessResponse extends ResponseBase {
    @JsonProperty("ExitCode")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U32.class)
    public Long exitCode;
}
