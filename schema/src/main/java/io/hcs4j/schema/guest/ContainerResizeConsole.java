package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;

/** GCS bridge type {@code prot.ContainerResizeConsole}. */
public class ContainerResizeConsole extends RequestBase {
    @JsonProperty("ProcessId")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long processId;

    @JsonProperty("Height")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonDeserialize(using = Unsigned.U16.class)
    public int height;

    @JsonProperty("Width")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonDeserialize(using = Unsigned.U16.class)
    public int width;
}
