package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** HCS schema2 string type {@code hcsschema.PropertyType}: open like Go's named string, so values a newer host adds survive a round trip. */
public record PropertyType(@JsonValue String value) {
    public static final PropertyType MEMORY = new PropertyType("Memory");
    public static final PropertyType GUEST_MEMORY = new PropertyType("GuestMemory");
    public static final PropertyType STATISTICS = new PropertyType("Statistics");
    public static final PropertyType PROCESS_LIST = new PropertyType("ProcessList");
    public static final PropertyType TERMINATE_ON_LAST_HANDLE_CLOSED = new PropertyType("TerminateOnLastHandleClosed");
    public static final PropertyType SHARED_MEMORY_REGION = new PropertyType("SharedMemoryRegion");
    public static final PropertyType CONTAINER_CREDENTIAL_GUARD = new PropertyType("ContainerCredentialGuard");
    public static final PropertyType GUEST_CONNECTION = new PropertyType("GuestConnection");
    public static final PropertyType IC_HEARTBEAT_STATUS = new PropertyType("ICHeartbeatStatus");
    public static final PropertyType PROCESSOR_TOPOLOGY = new PropertyType("ProcessorTopology");
    public static final PropertyType CPU_GROUP = new PropertyType("CpuGroup");
    public static final PropertyType SYSTEM_GUID = new PropertyType("SystemGUID");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static PropertyType of(String value) {
        return new PropertyType(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
