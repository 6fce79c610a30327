package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;

/** HCS schema2 type {@code hcsschema.MemoryMigrationTransferThrottleParams}. */
public class MemoryMigrationTransferThrottleParams {
    @JsonProperty("SkipThrottling")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Boolean skipThrottling;

    @JsonProperty("ThrottlingScale")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Double throttlingScale;

    @JsonProperty("MinimumThrottlePercentage")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U8.class)
    public Integer minimumThrottlePercentage;

    @JsonProperty("TargetNumberOfBrownoutTransferPasses")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U32.class)
    public Long targetNumberOfBrownoutTransferPasses;

    @JsonProperty("StartingBrownoutPassNumberForThrottling")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U32.class)
    public Long startingBrownoutPassNumberForThrottling;

    @JsonProperty("MaximumNumberOfBrownoutTransferPasses")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U32.class)
    public Long maximumNumberOfBrownoutTransferPasses;

    @JsonProperty("TargetBlackoutTransferTime")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U32.class)
    public Long targetBlackoutTransferTime;

    @JsonProperty("BlackoutTimeThresholdForCancellingMigration")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U32.class)
    public Long blackoutTimeThresholdForCancellingMigration;
}
