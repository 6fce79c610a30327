package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** HCS schema2 type {@code hcsschema.ObjectNamespace}. */
public class ObjectNamespace {
    @JsonProperty("shadow")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String shadow;

    @JsonProperty("symlink")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<ObjectSymlink> symlink;

    @JsonProperty("objdir")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<ObjectDirectory> objdir;
}
