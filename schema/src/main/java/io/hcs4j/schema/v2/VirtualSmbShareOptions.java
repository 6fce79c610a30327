package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.VirtualSmbShareOptions}. */
public class VirtualSmbShareOptions {
    @JsonProperty("ReadOnly")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean readOnly;

    @JsonProperty("ShareRead")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean shareRead;

    @JsonProperty("CacheIo")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean cacheIo;

    @JsonProperty("NoOplocks")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean noOplocks;

    @JsonProperty("TakeBackupPrivilege")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean takeBackupPrivilege;

    @JsonProperty("UseShareRootIdentity")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean useShareRootIdentity;

    @JsonProperty("NoDirectmap")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean noDirectmap;

    @JsonProperty("NoLocks")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean noLocks;

    @JsonProperty("NoDirnotify")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean noDirnotify;

    @JsonProperty("VmSharedMemory")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean vmSharedMemory;

    @JsonProperty("RestrictFileAccess")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean restrictFileAccess;

    @JsonProperty("ForceLevelIIOplocks")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean forceLevelIiOplocks;

    @JsonProperty("ReparseBaseLayer")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean reparseBaseLayer;

    @JsonProperty("PseudoOplocks")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean pseudoOplocks;

    @JsonProperty("NonCacheIo")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean nonCacheIo;

    @JsonProperty("PseudoDirnotify")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean pseudoDirnotify;

    @JsonProperty("SingleFileMapping")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean singleFileMapping;
}
