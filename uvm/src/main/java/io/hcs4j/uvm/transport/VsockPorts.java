package io.hcs4j.uvm.transport;

import java.util.UUID;

/**
 * hvsocket service ids. A Linux guest's vsock port P is the service id whose first group is P in hex and whose
 * rest is the vsock template {@code -facb-11e6-bd58-64006a7986d3}.
 */
public final class VsockPorts {
    /** The port the Linux GCS dials for the bridge. */
    public static final long GCS_PORT = 0x40000000L;
    /** First port the host hands out for stdio relays. */
    public static final long FIRST_STDIO_PORT = 0x40000001L;
    /** The bridge service of Windows guests. */
    public static final UUID WINDOWS_GCS_SERVICE = UUID.fromString("acef5661-84a1-4e44-856b-6245e69f4620");

    private static final long TEMPLATE_LOW = 0xbd5864006a7986d3L;
    private static final long TEMPLATE_MID = 0xfacb11e6L;

    private VsockPorts() {
    }

    public static UUID serviceId(long port) {
        if (port < 0 || port > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("vsock port out of range: " + port);
        }
        return new UUID(port << 32 | TEMPLATE_MID, TEMPLATE_LOW);
    }

    /** The vsock port of a service id built from the template, or -1 for any other service id. */
    public static long port(UUID serviceId) {
        boolean template = serviceId.getLeastSignificantBits() == TEMPLATE_LOW
                && (serviceId.getMostSignificantBits() & 0xFFFFFFFFL) == TEMPLATE_MID;
        return template ? serviceId.getMostSignificantBits() >>> 32 : -1;
    }
}
