package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.CacheQueryStatsResponse}. */
public class CacheQueryStatsResponse {
    @JsonProperty("L3OccupancyBytes")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int l3OccupancyBytes;

    @JsonProperty("L3TotalBwBytes")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int l3TotalBwBytes;

    @JsonProperty("L3LocalBwBytes")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int l3LocalBwBytes;
}
