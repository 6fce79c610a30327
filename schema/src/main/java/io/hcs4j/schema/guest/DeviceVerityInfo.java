package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GCS bridge type {@code guestresource.DeviceVerityInfo}. */
public class DeviceVerityInfo {
    @JsonProperty("Ext4SizeInBytes")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public long ext4SizeInBytes;

    @JsonProperty("Version")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public long version;

    @JsonProperty("Algorithm")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String algorithm;

    @JsonProperty("SuperBlock")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean superBlock;

    @JsonProperty("RootDigest")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String rootDigest;

    @JsonProperty("Salt")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String salt;

    @JsonProperty("BlockSize")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public long blockSize;
}
