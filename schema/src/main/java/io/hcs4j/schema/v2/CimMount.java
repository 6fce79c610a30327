package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;

/** HCS schema2 type {@code hcsschema.CimMount}. */
public class CimMount {
    @JsonProperty("ImagePath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String imagePath;

    @JsonProperty("FileSystemName")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String fileSystemName;

    @JsonProperty("VolumeGuid")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String volumeGuid;

    @JsonProperty("MountFlags")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long mountFlags;
}
