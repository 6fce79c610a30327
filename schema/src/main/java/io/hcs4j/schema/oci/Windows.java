package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** OCI runtime spec type {@code specs.Windows}. */
public class Windows extends OciObject {
    @JsonProperty("layerFolders")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public List<String> layerFolders;

    @JsonProperty("devices")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<WindowsDevice> devices;

    @JsonProperty("resources")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public WindowsResources resources;

    @JsonProperty("credentialSpec")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Object credentialSpec;

    @JsonProperty("servicing")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean servicing;

    @JsonProperty("ignoreFlushesDuringBoot")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean ignoreFlushesDuringBoot;

    @JsonProperty("hyperv")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public WindowsHyperV hyperV;

    @JsonProperty("network")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public WindowsNetwork network;
}
