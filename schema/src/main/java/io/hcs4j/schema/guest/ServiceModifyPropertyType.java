package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** GCS bridge string type {@code prot.ServiceModifyPropertyType}: open like Go's named string, so values a newer host adds survive a round trip. */
public record ServiceModifyPropertyType(@JsonValue String value) {
    public static final ServiceModifyPropertyType LOG_FORWARD_SERVICE = new ServiceModifyPropertyType("LogForwardService");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ServiceModifyPropertyType of(String value) {
        return new ServiceModifyPropertyType(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
