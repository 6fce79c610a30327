package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;
import io.hcs4j.schema.oci.Spec;
import io.hcs4j.schema.v2.Version;

/**
 * The {@code ContainerConfig} of a Create request for a Linux container in a utility VM (carried in the
 * request as JSON inside a string; see {@link ContainerCreate#containerConfig}).
 */
public class LinuxHostedSystem {
    @JsonProperty("SchemaVersion")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public Version schemaVersion;

    @JsonProperty("OciBundlePath")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String ociBundlePath;

    @JsonProperty("OciSpecification")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public Spec ociSpecification;

    @JsonProperty("ScratchDirPath")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String scratchDirPath;
}
