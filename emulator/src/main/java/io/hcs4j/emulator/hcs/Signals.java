package io.hcs4j.emulator.hcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.platform.posix.Posix;

/** Process control documents: SignalProcessOptions and ProcessModifyRequest, mapped to host actions. */
final class Signals {
    private Signals() {
    }

    /**
     * Delivers SignalProcessOptions: {"Signal": n} (LCOW, a Linux signal number, to the process) or
     * {"Signal": "CtrlC" | "CtrlBreak" | "CtrlClose" | "CtrlLogOff" | "CtrlShutdown"} (WCOW: a console control event,
     * which Windows delivers to every process attached to the console: here the process's whole tree, as SIGINT,
     * SIGQUIT or SIGTERM). No options means SIGKILL, as the Linux guest does.
     */
    static void deliver(EmulatedProcess p, String options) {
        ObjectNode o = JsonDocs.object(options, "signal options");
        JsonNode sig = o.path("Signal");
        if (sig.isMissingNode() || sig.isNull()) {
            p.signal(Posix.SIGKILL);
            return;
        }
        if (sig.isInt()) {
            int n = sig.asInt();
            if (n <= 0 || n > 64) {
                throw new HcsFault(HResults.E_INVALIDARG, "signal " + n + " out of range");
            }
            p.signal(n);
            return;
        }
        p.controlEvent(switch (sig.asText()) {
            case "CtrlC" -> Posix.SIGINT;
            case "CtrlBreak" -> Posix.SIGQUIT;
            case "CtrlClose", "CtrlLogOff", "CtrlShutdown" -> Posix.SIGTERM;
            default -> throw new HcsFault(HResults.E_INVALIDARG, "unknown signal " + sig);
        });
    }

    /**
     * ProcessModifyRequest: {"Operation": "ConsoleSize", "ConsoleSize": {Height, Width}} (resizes the console) or
     * {"Operation": "CloseHandle", "CloseHandle": {"Handle": "StdIn"}}. The host holds the only write end of the
     * stdin pipe, so closing stdin is the caller closing it; the emulator checks the request.
     */
    static void modify(EmulatedProcess p, String settings) {
        ObjectNode r = JsonDocs.typed(settings, io.hcs4j.schema.v2.ProcessModifyRequest.class, "process modify request");
        switch (r.path("Operation").asText("")) {
            case "ConsoleSize" -> {
                JsonNode size = r.path("ConsoleSize");
                if (!size.path("Height").canConvertToInt() || !size.path("Width").canConvertToInt()) {
                    throw new HcsFault(HResults.E_INVALIDARG, "ConsoleSize needs Height and Width");
                }
                p.resizeConsole(size.path("Width").asInt(), size.path("Height").asInt());
            }
            case "CloseHandle" -> {
                if (!"StdIn".equals(r.path("CloseHandle").path("Handle").asText())) {
                    throw new HcsFault(HResults.E_INVALIDARG, "only StdIn can be closed");
                }
            }
            default -> throw new HcsFault(HResults.HCS_E_UNKNOWN_MESSAGE,
                    "unknown process modify operation '" + r.path("Operation").asText() + "'");
        }
    }
}
