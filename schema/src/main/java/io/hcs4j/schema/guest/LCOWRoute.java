package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;

/** GCS bridge type {@code guestresource.LCOWRoute}. */
public class LCOWRoute {
    @JsonProperty("NextHop")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String nextHop;

    @JsonProperty("DestinationPrefix")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String destinationPrefix;

    @JsonProperty("Metric")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U16.class)
    public int metric;
}
