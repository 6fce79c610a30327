package io.hcs4j.cow.hcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hcs4j.schema.Json;
import io.hcs4j.schema.oci.Process;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessDocumentsTest {
    @Test
    void argsEnvCwdUserAndPipes() {
        Process p = Json.read("{\"args\":[\"cmd\",\"/c\",\"echo hi\"],\"cwd\":\"C:\\\\app\","
                + "\"env\":[\"PATH=C:\\\\Windows\",\"EMPTY\",\"A=b=c\"],\"user\":{\"uid\":0,\"gid\":0,"
                + "\"username\":\"ContainerUser\"}}", Process.class);
        assertEquals("{\"CommandLine\":\"cmd /c \\\"echo hi\\\"\",\"User\":\"ContainerUser\","
                + "\"WorkingDirectory\":\"C:\\\\app\",\"Environment\":{\"A\":\"b=c\",\"EMPTY\":\"\","
                + "\"PATH\":\"C:\\\\Windows\"},\"CreateStdInPipe\":true,\"CreateStdOutPipe\":true,"
                + "\"CreateStdErrPipe\":true}",
                Json.write(ProcessDocuments.of(p, ProcessDocuments.Stdio.ALL)));
    }

    @Test
    void terminalMergesStderrAndSetsConsoleSize() {
        Process p = Json.read("{\"terminal\":true,\"consoleSize\":{\"height\":40,\"width\":120},"
                + "\"commandLine\":\"cmd.exe\",\"cwd\":\"C:\\\\\"}", Process.class);
        assertEquals("{\"CommandLine\":\"cmd.exe\",\"WorkingDirectory\":\"C:\\\\\",\"EmulateConsole\":true,"
                + "\"CreateStdOutPipe\":true,\"ConsoleSize\":[40,120]}",
                Json.write(ProcessDocuments.of(p, new ProcessDocuments.Stdio(false, true, true))));
    }

    @Test
    void commandLineQuotesLikeCommandLineToArgvW() {
        assertEquals("a \"b c\" \"\" \"say \\\"hi\\\"\" \"x\\\\\\\"y\" \"tail\\ \\\\\" c:\\dir\\",
                ProcessDocuments.commandLine(List.of("a", "b c", "", "say \"hi\"", "x\\\"y", "tail\\ \\", "c:\\dir\\")));
    }

    @Test
    void missingCommandIsRejected() {
        assertEquals("process has neither args nor commandLine", assertThrows(IllegalArgumentException.class,
                () -> ProcessDocuments.of(new Process(), ProcessDocuments.Stdio.ALL)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ProcessDocuments.of(null, ProcessDocuments.Stdio.ALL));
        Process p = Json.read("{\"args\":[\"x\"],\"env\":[\"=bad\"]}", Process.class);
        assertThrows(IllegalArgumentException.class, () -> ProcessDocuments.of(p, ProcessDocuments.Stdio.ALL));
    }
}
