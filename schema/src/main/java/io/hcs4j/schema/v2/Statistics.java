package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoTime;
import io.hcs4j.schema.Unsigned;
import java.time.OffsetDateTime;

/** HCS schema2 type {@code hcsschema.Statistics}. */
public class Statistics {
    @JsonProperty("Timestamp")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonSerialize(using = GoTime.Serializer.class)
    @JsonDeserialize(using = GoTime.Deserializer.class)
    public OffsetDateTime timestamp;

    @JsonProperty("ContainerStartTime")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonSerialize(using = GoTime.Serializer.class)
    @JsonDeserialize(using = GoTime.Deserializer.class)
    public OffsetDateTime containerStartTime;

    @JsonProperty("Uptime100ns")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long uptime100ns;

    @JsonProperty("Processor")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public ProcessorStats processor;

    @JsonProperty("Memory")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public MemoryStats memory;

    @JsonProperty("Storage")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public StorageStats storage;
}
