package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** HCS schema2 string type {@code hcsschema.VirtualSlitType}: open like Go's named string, so values a newer host adds survive a round trip. */
public record VirtualSlitType(@JsonValue String value) {
    public static final VirtualSlitType NONE = new VirtualSlitType("None");
    public static final VirtualSlitType FIRMWARE = new VirtualSlitType("Firmware");
    public static final VirtualSlitType MEASURED = new VirtualSlitType("Measured");
    public static final VirtualSlitType FIRMWARE_FALLBACK_MEASURED = new VirtualSlitType("FirmwareFallbackMeasured");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static VirtualSlitType of(String value) {
        return new VirtualSlitType(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
