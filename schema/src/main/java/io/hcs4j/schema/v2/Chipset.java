package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.Chipset}. */
public class Chipset {
    @JsonProperty("Uefi")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Uefi uefi;

    @JsonProperty("IsNumLockDisabled")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean isNumLockDisabled;

    @JsonProperty("BaseBoardSerialNumber")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String baseBoardSerialNumber;

    @JsonProperty("ChassisSerialNumber")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String chassisSerialNumber;

    @JsonProperty("ChassisAssetTag")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String chassisAssetTag;

    @JsonProperty("UseUtc")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean useUtc;

    @JsonProperty("LinuxKernelDirect")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public LinuxKernelDirect linuxKernelDirect;

    @JsonProperty("FirmwareFile")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public FirmwareFile firmwareFile;
}
