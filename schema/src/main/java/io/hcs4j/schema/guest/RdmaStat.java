package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** GCS bridge type {@code stats.RdmaStat}. */
public class RdmaStat {
    @JsonProperty("current")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<RdmaEntry> current;

    @JsonProperty("limit")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<RdmaEntry> limit;
}
