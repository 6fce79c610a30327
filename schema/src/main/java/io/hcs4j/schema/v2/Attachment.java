package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.Attachment}. */
public class Attachment {
    @JsonProperty("Type")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String type;

    @JsonProperty("Path")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String path;

    @JsonProperty("IgnoreFlushes")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean ignoreFlushes;

    @JsonProperty("CachingMode")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String cachingMode;

    @JsonProperty("NoWriteHardening")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean noWriteHardening;

    @JsonProperty("DisableExpansionOptimization")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean disableExpansionOptimization;

    @JsonProperty("IgnoreRelativeLocator")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean ignoreRelativeLocator;

    @JsonProperty("CaptureIoAttributionContext")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean captureIoAttributionContext;

    @JsonProperty("ReadOnly")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean readOnly;

    @JsonProperty("SupportCompressedVolumes")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean supportCompressedVolumes;

    @JsonProperty("AlwaysAllowSparseFiles")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean alwaysAllowSparseFiles;

    @JsonProperty("ExtensibleVirtualDiskType")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String extensibleVirtualDiskType;
}
