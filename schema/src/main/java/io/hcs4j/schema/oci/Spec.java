package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;
import java.util.List;
import java.util.Map;

/** OCI runtime spec type {@code specs.Spec}. */
public class Spec extends OciObject {
    @JsonProperty("ociVersion")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String version;

    @JsonProperty("process")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Process process;

    @JsonProperty("root")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Root root;

    @JsonProperty("hostname")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String hostname;

    @JsonProperty("domainname")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String domainname;

    @JsonProperty("mounts")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<Mount> mounts;

    @JsonProperty("hooks")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Hooks hooks;

    @JsonProperty("annotations")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<String, String> annotations;

    @JsonProperty("linux")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Linux linux;

    @JsonProperty("solaris")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Solaris solaris;

    @JsonProperty("windows")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Windows windows;

    @JsonProperty("vm")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public VM vm;

    @JsonProperty("zos")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public ZOS zos;

    @JsonProperty("freebsd")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public FreeBSD freeBsd;
}
