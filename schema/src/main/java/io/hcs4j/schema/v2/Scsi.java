package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** HCS schema2 type {@code hcsschema.Scsi}. */
public class Scsi {
    @JsonProperty("Attachments")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<String, Attachment> attachments;
}
