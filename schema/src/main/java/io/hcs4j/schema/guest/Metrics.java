package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** GCS bridge type {@code stats.Metrics}. */
public class Metrics {
    @JsonProperty("hugetlb")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<HugetlbStat> hugetlb;

    @JsonProperty("pids")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public PidsStat pids;

    @JsonProperty("cpu")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public CPUStat cpu;

    @JsonProperty("memory")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public MemoryStat memory;

    @JsonProperty("blkio")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public BlkIOStat blkio;

    @JsonProperty("rdma")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public RdmaStat rdma;

    @JsonProperty("network")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<NetworkStat> network;

    @JsonProperty("cgroup_stats")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public CgroupStats cgroupStats;

    @JsonProperty("memory_oom_control")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public MemoryOomControl memoryOomControl;
}
