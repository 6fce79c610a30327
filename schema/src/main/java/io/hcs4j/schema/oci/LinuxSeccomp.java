package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;
import io.hcs4j.schema.Unsigned;
import java.util.List;

/** OCI runtime spec type {@code specs.LinuxSeccomp}. */
public class LinuxSeccomp extends OciObject {
    @JsonProperty("defaultAction")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public LinuxSeccompAction defaultAction;

    @JsonProperty("defaultErrnoRet")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public Long defaultErrnoRet;

    @JsonProperty("architectures")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<Arch> architectures;

    @JsonProperty("flags")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<LinuxSeccompFlag> flags;

    @JsonProperty("listenerPath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String listenerPath;

    @JsonProperty("listenerMetadata")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String listenerMetadata;

    @JsonProperty("syscalls")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<LinuxSyscall> syscalls;
}
