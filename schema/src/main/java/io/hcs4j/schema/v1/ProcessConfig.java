package io.hcs4j.schema.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.Unsigned;
import java.util.List;
import java.util.Map;

/** HCS schema1 type {@code schema1.ProcessConfig}. */
public class ProcessConfig {
    @JsonProperty("ApplicationName")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String applicationName;

    @JsonProperty("CommandLine")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String commandLine;

    @JsonProperty("CommandArgs")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> commandArgs;

    @JsonProperty("User")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String user;

    @JsonProperty("WorkingDirectory")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String workingDirectory;

    @JsonProperty("Environment")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<String, String> environment;

    @JsonProperty("EmulateConsole")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean emulateConsole;

    @JsonProperty("CreateStdInPipe")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean createStdInPipe;

    @JsonProperty("CreateStdOutPipe")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean createStdOutPipe;

    @JsonProperty("CreateStdErrPipe")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean createStdErrPipe;

    /** Go's {@code [2]uint} (height, width): two uint64s held as their 64 bits. */
    @JsonProperty("ConsoleSize")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonDeserialize(using = Unsigned.U64Pair.class)
    @JsonSerialize(using = Unsigned.U64ArraySerializer.class)
    public long[] consoleSize = new long[2];

    @JsonProperty("CreateInUtilityVm")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean createInUtilityVm;

    @JsonProperty("OCISpecification")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public JsonNode ociSpecification;
}
