package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** HCS schema2 string type {@code hcsschema.MigrationEvent}: open like Go's named string, so values a newer host adds survive a round trip. */
public record MigrationEvent(@JsonValue String value) {
    public static final MigrationEvent UNKNOWN = new MigrationEvent("Unknown");
    public static final MigrationEvent MIGRATION_DONE = new MigrationEvent("MigrationDone");
    public static final MigrationEvent BLACKOUT_STARTED = new MigrationEvent("BlackoutStarted");
    public static final MigrationEvent OFFLINE_DONE = new MigrationEvent("OfflineDone");
    public static final MigrationEvent BLACKOUT_EXITED = new MigrationEvent("BlackoutExited");
    public static final MigrationEvent SETUP_DONE = new MigrationEvent("SetupDone");
    public static final MigrationEvent TRANSFER_IN_PROGRESS = new MigrationEvent("TransferInProgress");
    public static final MigrationEvent MIGRATION_RECOVERY_DONE = new MigrationEvent("MigrationRecoveryDone");
    public static final MigrationEvent MIGRATION_FAILED = new MigrationEvent("MigrationFailed");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static MigrationEvent of(String value) {
        return new MigrationEvent(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
