package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** GCS bridge type {@code stats.BlkIOStat}. */
public class BlkIOStat {
    @JsonProperty("io_service_bytes_recursive")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<BlkIOEntry> ioServiceBytesRecursive;

    @JsonProperty("io_serviced_recursive")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<BlkIOEntry> ioServicedRecursive;

    @JsonProperty("io_queued_recursive")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<BlkIOEntry> ioQueuedRecursive;

    @JsonProperty("io_service_time_recursive")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<BlkIOEntry> ioServiceTimeRecursive;

    @JsonProperty("io_wait_time_recursive")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<BlkIOEntry> ioWaitTimeRecursive;

    @JsonProperty("io_merged_recursive")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<BlkIOEntry> ioMergedRecursive;

    @JsonProperty("io_time_recursive")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<BlkIOEntry> ioTimeRecursive;

    @JsonProperty("sectors_recursive")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<BlkIOEntry> sectorsRecursive;
}
