package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.UefiBootEntry}. */
public class UefiBootEntry {
    @JsonProperty("DeviceType")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String deviceType;

    @JsonProperty("DevicePath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String devicePath;

    @JsonProperty("DiskNumber")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int diskNumber;

    @JsonProperty("OptionalData")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String optionalData;

    @JsonProperty("VmbFsRootPath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String vmbFsRootPath;
}
