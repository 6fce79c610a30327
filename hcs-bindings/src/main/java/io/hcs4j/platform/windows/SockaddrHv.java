package io.hcs4j.platform.windows;

import com.sun.jna.Structure;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/**
 * SOCKADDR_HV from hvsocket.h: { ADDRESS_FAMILY Family; USHORT Reserved; GUID VmId; GUID ServiceId; }, 36
 * bytes. GUIDs are kept as their 16 memory bytes (Data1..Data3 little-endian, Data4 as is).
 */
@Structure.FieldOrder({"family", "reserved", "vmId", "serviceId"})
public class SockaddrHv extends Structure {
    public short family;
    public short reserved;
    public byte[] vmId = new byte[16];
    public byte[] serviceId = new byte[16];

    public SockaddrHv() {
    }

    public SockaddrHv(UUID vmId, UUID serviceId) {
        this.family = (short) Winsock.AF_HYPERV;
        this.vmId = guidBytes(vmId);
        this.serviceId = guidBytes(serviceId);
    }

    public static byte[] guidBytes(UUID uuid) {
        long msb = uuid.getMostSignificantBits();
        ByteBuffer buf = ByteBuffer.allocate(16);
        buf.order(ByteOrder.LITTLE_ENDIAN).putInt((int) (msb >>> 32)).putShort((short) (msb >>> 16)).putShort((short) msb);
        buf.order(ByteOrder.BIG_ENDIAN).putLong(uuid.getLeastSignificantBits());
        return buf.array();
    }

    public static UUID guid(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long data1 = Integer.toUnsignedLong(buf.getInt());
        long data2 = Short.toUnsignedLong(buf.getShort());
        long data3 = Short.toUnsignedLong(buf.getShort());
        long low = buf.order(ByteOrder.BIG_ENDIAN).getLong();
        return new UUID(data1 << 32 | data2 << 16 | data3, low);
    }
}
