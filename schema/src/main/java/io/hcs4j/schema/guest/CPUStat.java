package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GCS bridge type {@code stats.CPUStat}. */
public class CPUStat {
    @JsonProperty("usage")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public CPUUsage usage;

    @JsonProperty("throttling")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Throttle throttling;
}
