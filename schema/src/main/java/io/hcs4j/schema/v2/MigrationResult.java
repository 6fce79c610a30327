package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** HCS schema2 string type {@code hcsschema.MigrationResult}: open like Go's named string, so values a newer host adds survive a round trip. */
public record MigrationResult(@JsonValue String value) {
    public static final MigrationResult INVALID = new MigrationResult("Invalid");
    public static final MigrationResult SUCCESS = new MigrationResult("Success");
    public static final MigrationResult MIGRATION_CANCELLED = new MigrationResult("MigrationCancelled");
    public static final MigrationResult GUEST_INITIATED_CANCELLATION = new MigrationResult("GuestInitiatedCancellation");
    public static final MigrationResult SOURCE_MIGRATION_FAILED = new MigrationResult("SourceMigrationFailed");
    public static final MigrationResult DESTINATION_MIGRATION_FAILED = new MigrationResult("DestinationMigrationFailed");
    public static final MigrationResult MIGRATION_RECOVERY_FAILED = new MigrationResult("MigrationRecoveryFailed");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static MigrationResult of(String value) {
        return new MigrationResult(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
