package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** GCS bridge string type {@code guestrequest.ProcessModifyOperation}: open like Go's named string, so values a newer host adds survive a round trip. */
public record ProcessModifyOperation(@JsonValue String value) {
    public static final ProcessModifyOperation CONSOLE_SIZE = new ProcessModifyOperation("ConsoleSize");
    public static final ProcessModifyOperation CLOSE_HANDLE = new ProcessModifyOperation("CloseHandle");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ProcessModifyOperation of(String value) {
        return new ProcessModifyOperation(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
