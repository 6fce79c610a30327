package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.GoZero;
import io.hcs4j.schema.Unsigned;
import java.util.List;
import java.util.UUID;

/** GCS bridge type {@code guestresource.CWCOWBlockCIMMounts}. */
public class CWCOWBlockCIMMounts {
    @JsonProperty("BlockCIMs")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<BlockCIMDevice> blockCiMs;

    @JsonProperty("VolumeGUID")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public UUID volumeGuid = GoZero.GUID;

    @JsonProperty("MountFlags")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long mountFlags;

    @JsonProperty("ContainerID")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String containerId;
}
