package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;
import java.util.List;

/** OCI runtime spec type {@code specs.Process}. */
public class Process extends OciObject {
    @JsonProperty("terminal")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean terminal;

    @JsonProperty("consoleSize")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Box consoleSize;

    @JsonProperty("user")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public User user;

    @JsonProperty("args")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> args;

    @JsonProperty("commandLine")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String commandLine;

    @JsonProperty("env")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> env;

    @JsonProperty("cwd")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String cwd;

    @JsonProperty("capabilities")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public LinuxCapabilities capabilities;

    @JsonProperty("rlimits")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<POSIXRlimit> rlimits;

    @JsonProperty("noNewPrivileges")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean noNewPrivileges;

    @JsonProperty("apparmorProfile")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String apparmorProfile;

    @JsonProperty("oomScoreAdj")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Long oomScoreAdj;

    @JsonProperty("scheduler")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Scheduler scheduler;

    @JsonProperty("selinuxLabel")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String selinuxLabel;

    @JsonProperty("ioPriority")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public LinuxIOPriority ioPriority;

    @JsonProperty("execCPUAffinity")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public CPUAffinity execCpuAffinity;
}
