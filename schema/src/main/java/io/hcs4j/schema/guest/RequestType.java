package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** GCS bridge string type {@code guestrequest.RequestType}: open like Go's named string, so values a newer host adds survive a round trip. */
public record RequestType(@JsonValue String value) {
    public static final RequestType ADD = new RequestType("Add");
    public static final RequestType REMOVE = new RequestType("Remove");
    public static final RequestType PRE_ADD = new RequestType("PreAdd");
    public static final RequestType UPDATE = new RequestType("Update");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RequestType of(String value) {
        return new RequestType(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
