package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** HCS schema2 string type {@code hcsschema.DeviceType}: open like Go's named string, so values a newer host adds survive a round trip. */
public record DeviceType(@JsonValue String value) {
    public static final DeviceType CLASS_GUID = new DeviceType("ClassGuid");
    public static final DeviceType DEVICE_INSTANCE = new DeviceType("DeviceInstance");
    public static final DeviceType GPU_MIRROR = new DeviceType("GpuMirror");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DeviceType of(String value) {
        return new DeviceType(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
