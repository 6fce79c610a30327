package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.GuestCrashReporting}. */
public class GuestCrashReporting {
    @JsonProperty("WindowsCrashSettings")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public WindowsCrashReporting windowsCrashSettings;
}
