package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** HCS schema2 string type {@code hcsschema.RegistryValueType}: open like Go's named string, so values a newer host adds survive a round trip. */
public record RegistryValueType(@JsonValue String value) {
    public static final RegistryValueType NONE = new RegistryValueType("None");
    public static final RegistryValueType STRING = new RegistryValueType("String");
    public static final RegistryValueType EXPANDED_STRING = new RegistryValueType("ExpandedString");
    public static final RegistryValueType MULTI_STRING = new RegistryValueType("MultiString");
    public static final RegistryValueType BINARY = new RegistryValueType("Binary");
    public static final RegistryValueType D_WORD = new RegistryValueType("DWord");
    public static final RegistryValueType Q_WORD = new RegistryValueType("QWord");
    public static final RegistryValueType CUSTOM_TYPE = new RegistryValueType("CustomType");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RegistryValueType of(String value) {
        return new RegistryValueType(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
