package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;
import io.hcs4j.schema.Unsigned;

/** GCS bridge type {@code commonutils.ErrorRecord}. */
public class ErrorRecord {
    @JsonProperty("Result")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public int result;

    @JsonProperty("Message")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String message;

    @JsonProperty("StackTrace")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String stackTrace;

    @JsonProperty("ModuleName")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String moduleName;

    @JsonProperty("FileName")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String fileName;

    @JsonProperty("Line")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long line;

    @JsonProperty("FunctionName")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String functionName;
}
