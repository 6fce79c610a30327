package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** GCS bridge string type {@code guestrequest.RPCType}: open like Go's named string, so values a newer host adds survive a round trip. */
public record RPCType(@JsonValue String value) {
    public static final RPCType MODIFY_SERVICE_SETTINGS = new RPCType("ModifyServiceSettings");
    public static final RPCType START_LOG_FORWARDING = new RPCType("StartLogForwarding");
    public static final RPCType STOP_LOG_FORWARDING = new RPCType("StopLogForwarding");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RPCType of(String value) {
        return new RPCType(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
