package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** OCI runtime spec type {@code specs.LinuxResources}. */
public class LinuxResources extends OciObject {
    @JsonProperty("devices")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<LinuxDeviceCgroup> devices;

    @JsonProperty("memory")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public LinuxMemory memory;

    @JsonProperty("cpu")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public LinuxCPU cpu;

    @JsonProperty("pids")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public LinuxPids pids;

    @JsonProperty("blockIO")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public LinuxBlockIO blockIo;

    @JsonProperty("hugepageLimits")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<LinuxHugepageLimit> hugepageLimits;

    @JsonProperty("network")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public LinuxNetwork network;

    @JsonProperty("rdma")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<String, LinuxRdma> rdma;

    @JsonProperty("unified")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<String, String> unified;
}
