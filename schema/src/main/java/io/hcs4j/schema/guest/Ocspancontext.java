package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;

/** GCS bridge type {@code prot.Ocspancontext}. */
public class Ocspancontext {
    @JsonProperty("TraceID")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String traceId;

    @JsonProperty("SpanID")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String spanId;

    @JsonProperty("TraceOptions")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long traceOptions;

    @JsonProperty("Tracestate")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String tracestate;
}
