package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.Unsigned;
import java.util.List;

/** GCS bridge type {@code guestresource.LCOWMappedVirtualDisk}. */
public class LCOWMappedVirtualDisk {
    @JsonProperty("MountPath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String mountPath;

    @JsonProperty("Lun")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U8.class)
    public int lun;

    @JsonProperty("Controller")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U8.class)
    public int controller;

    @JsonProperty("Partition")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long partition;

    @JsonProperty("ReadOnly")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean readOnly;

    @JsonProperty("Encrypted")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean encrypted;

    @JsonProperty("Options")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> options;

    @JsonProperty("BlockDev")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean blockDev;

    @JsonProperty("VerityInfo")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public DeviceVerityInfo verityInfo;

    @JsonProperty("EnsureFilesystem")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean ensureFilesystem;

    @JsonProperty("Filesystem")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String filesystem;
}
