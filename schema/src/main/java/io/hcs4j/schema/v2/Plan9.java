package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** HCS schema2 type {@code hcsschema.Plan9}. */
public class Plan9 {
    @JsonProperty("Shares")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<Plan9Share> shares;
}
