package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** GCS bridge string type {@code guestrequest.SignalValueWCOW}: open like Go's named string, so values a newer host adds survive a round trip. */
public record SignalValueWCOW(@JsonValue String value) {
    public static final SignalValueWCOW CTRL_C = new SignalValueWCOW("CtrlC");
    public static final SignalValueWCOW CTRL_BREAK = new SignalValueWCOW("CtrlBreak");
    public static final SignalValueWCOW CTRL_CLOSE = new SignalValueWCOW("CtrlClose");
    public static final SignalValueWCOW CTRL_LOG_OFF = new SignalValueWCOW("CtrlLogOff");
    public static final SignalValueWCOW CTRL_SHUTDOWN = new SignalValueWCOW("CtrlShutdown");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static SignalValueWCOW of(String value) {
        return new SignalValueWCOW(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
