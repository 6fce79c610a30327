package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.SharedMemoryRegionInfo}. */
public class SharedMemoryRegionInfo {
    @JsonProperty("SectionName")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String sectionName;

    @JsonProperty("GuestPhysicalAddress")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int guestPhysicalAddress;
}
