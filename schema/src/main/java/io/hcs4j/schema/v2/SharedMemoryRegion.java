package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.SharedMemoryRegion}. */
public class SharedMemoryRegion {
    @JsonProperty("SectionName")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String sectionName;

    @JsonProperty("StartOffset")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int startOffset;

    @JsonProperty("Length")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int length;

    @JsonProperty("AllowGuestWrite")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean allowGuestWrite;

    @JsonProperty("HiddenFromGuest")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean hiddenFromGuest;
}
