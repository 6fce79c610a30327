package io.hcs4j.schema;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.util.UUID;

/** Go's zero values where a Go field is never absent: Java {@code null} there is written as Go writes zero. */
public final class GoZero {
    /** The zero {@code guid.GUID}, written as {@code 00000000-0000-0000-0000-000000000000}. */
    public static final UUID GUID = new UUID(0, 0);

    private GoZero() {
    }

    /** Writes a null string field that has no {@code omitempty} as {@code ""}, like Go. */
    public static final class EmptyString extends JsonSerializer<Object> {
        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString("");
        }
    }
}
