package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hcs4j.schema.v2.ProcessParameters;

/**
 * The process parameters of an ExecuteProcess request: HCS's {@link ProcessParameters}, plus for a Linux
 * guest the OCI process of an exec. Without {@code OciProcess} the guest starts the container's init process.
 */
public class GuestProcessParameters extends ProcessParameters {
    @JsonProperty("OciProcess")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public io.hcs4j.schema.oci.Process ociProcess;
}
