package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;

/** HCS schema2 type {@code hcsschema.LogicalProcessor}. */
public class LogicalProcessor {
    @JsonProperty("LpIndex")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long lpIndex;

    @JsonProperty("NodeNumber")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U8.class)
    public int nodeNumber;

    @JsonProperty("PackageId")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long packageId;

    @JsonProperty("CoreId")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long coreId;

    @JsonProperty("RootVpIndex")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int rootVpIndex;
}
