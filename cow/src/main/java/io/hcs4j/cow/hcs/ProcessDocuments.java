package io.hcs4j.cow.hcs;

import io.hcs4j.schema.oci.Process;
import io.hcs4j.schema.v2.ProcessParameters;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** HCS process parameters for a Windows container process, built from an OCI process spec. Pure functions. */
public final class ProcessDocuments {
    private ProcessDocuments() {
    }

    /** Which stdio pipes the caller wants HCS to create. */
    public record Stdio(boolean stdin, boolean stdout, boolean stderr) {
        public static final Stdio ALL = new Stdio(true, true, true);
    }

    /**
     * The parameters: the command line ({@code commandLine} when the spec gives one, else {@code args} quoted the way
     * Windows parses them back), working directory, environment, user, and a console when {@code terminal} is set
     * (HCS then merges stderr into the console: no stderr pipe).
     */
    public static ProcessParameters of(Process p, Stdio stdio) {
        if (p == null) {
            throw new IllegalArgumentException("config.json has no process");
        }
        ProcessParameters params = new ProcessParameters();
        if (p.commandLine != null && !p.commandLine.isEmpty()) {
            params.commandLine = p.commandLine;
        } else if (p.args != null && !p.args.isEmpty()) {
            params.commandLine = commandLine(p.args);
        } else {
            throw new IllegalArgumentException("process has neither args nor commandLine");
        }
        params.workingDirectory = p.cwd == null || p.cwd.isEmpty() ? null : p.cwd;
        params.environment = environment(p.env);
        params.user = p.user == null || p.user.username == null || p.user.username.isEmpty() ? null : p.user.username;
        params.emulateConsole = p.terminal;
        if (p.terminal && p.consoleSize != null) {
            params.consoleSize = List.of(Math.toIntExact(p.consoleSize.height), Math.toIntExact(p.consoleSize.width));
        }
        params.createStdInPipe = stdio.stdin();
        params.createStdOutPipe = stdio.stdout();
        params.createStdErrPipe = stdio.stderr() && !p.terminal;
        return params;
    }

    /** "K=V" entries as a map; an entry without '=' is a variable set to the empty string. Sorted, for stable documents. */
    static Map<String, String> environment(List<String> env) {
        if (env == null || env.isEmpty()) {
            return null;
        }
        Map<String, String> out = new TreeMap<>();
        for (String e : env) {
            int eq = e.indexOf('=');
            if (eq == 0) {
                throw new IllegalArgumentException("environment entry without a name: " + e);
            }
            out.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
        }
        return out;
    }

    /**
     * Joins arguments into one Windows command line that CommandLineToArgvW splits back into the same arguments:
     * arguments with spaces, tabs or quotes (or empty ones) are quoted, quotes are escaped, and backslashes are
     * doubled where they precede a quote.
     */
    public static String commandLine(List<String> args) {
        StringBuilder sb = new StringBuilder();
        for (String arg : args) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            if (!arg.isEmpty() && arg.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '"')) {
                sb.append(arg);
                continue;
            }
            sb.append('"');
            int backslashes = 0;
            for (int i = 0; i < arg.length(); i++) {
                char c = arg.charAt(i);
                if (c == '\\') {
                    backslashes++;
                    continue;
                }
                if (c == '"') {
                    sb.append("\\".repeat(backslashes * 2 + 1)).append('"');
                } else {
                    sb.append("\\".repeat(backslashes)).append(c);
                }
                backslashes = 0;
            }
            sb.append("\\".repeat(backslashes * 2)).append('"');
        }
        return sb.toString();
    }
}
