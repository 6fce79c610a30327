package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** HCS schema2 type {@code hcsschema.ProcessParameters}. */
public class ProcessParameters {
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

    @JsonProperty("RestrictedToken")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean restrictedToken;

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

    @JsonProperty("ConsoleSize")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<Integer> consoleSize;

    @JsonProperty("UseExistingLogin")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean useExistingLogin;

    @JsonProperty("UseLegacyConsole")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean useLegacyConsole;
}
