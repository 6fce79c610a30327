package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** OCI runtime spec type {@code specs.Linux}. */
public class Linux extends OciObject {
    @JsonProperty("uidMappings")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<LinuxIDMapping> uidMappings;

    @JsonProperty("gidMappings")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<LinuxIDMapping> gidMappings;

    @JsonProperty("sysctl")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<String, String> sysctl;

    @JsonProperty("resources")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public LinuxResources resources;

    @JsonProperty("cgroupsPath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String cgroupsPath;

    @JsonProperty("namespaces")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<LinuxNamespace> namespaces;

    @JsonProperty("devices")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<LinuxDevice> devices;

    @JsonProperty("netDevices")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<String, LinuxNetDevice> netDevices;

    @JsonProperty("seccomp")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public LinuxSeccomp seccomp;

    @JsonProperty("rootfsPropagation")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String rootfsPropagation;

    @JsonProperty("maskedPaths")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> maskedPaths;

    @JsonProperty("readonlyPaths")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> readonlyPaths;

    @JsonProperty("mountLabel")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String mountLabel;

    @JsonProperty("intelRdt")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public LinuxIntelRdt intelRdt;

    @JsonProperty("memoryPolicy")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public LinuxMemoryPolicy memoryPolicy;

    @JsonProperty("personality")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public LinuxPersonality personality;

    @JsonProperty("timeOffsets")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<String, LinuxTimeOffset> timeOffsets;
}
