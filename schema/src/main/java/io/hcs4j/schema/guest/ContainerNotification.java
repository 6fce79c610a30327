package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;
import io.hcs4j.schema.JsonInString;

/** GCS bridge type {@code prot.ContainerNotification}. */
public class ContainerNotification extends RequestBase {
    @JsonProperty("Type")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String type;

    @JsonProperty("Operation")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String operation;

    @JsonProperty("Result")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public int result;

    @JsonProperty("ResultInfo")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonInString
    public Object resultInfo;
}
