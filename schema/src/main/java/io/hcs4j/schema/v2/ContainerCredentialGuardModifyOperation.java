package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** HCS schema2 string type {@code hcsschema.ContainerCredentialGuardModifyOperation}: open like Go's named string, so values a newer host adds survive a round trip. */
public record ContainerCredentialGuardModifyOperation(@JsonValue String value) {
    public static final ContainerCredentialGuardModifyOperation ADD_INSTANCE = new ContainerCredentialGuardModifyOperation("AddInstance");
    public static final ContainerCredentialGuardModifyOperation REMOVE_INSTANCE = new ContainerCredentialGuardModifyOperation("RemoveInstance");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ContainerCredentialGuardModifyOperation of(String value) {
        return new ContainerCredentialGuardModifyOperation(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
