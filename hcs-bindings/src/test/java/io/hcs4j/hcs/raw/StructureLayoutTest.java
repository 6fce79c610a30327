package io.hcs4j.hcs.raw;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Sizes and field offsets of the structures against the Windows x64 layout of computedefs.h (natural alignment:
 * DWORDs at 4-byte, pointers and handles at 8-byte boundaries). Offsets are also checked by writing the fields and
 * reading the raw bytes back.
 */
class StructureLayoutTest {

    static final class ProcessInfoProbe extends HcsProcessInformation {
        int offset(String field) {
            return fieldOffset(field);
        }
    }

    static final class EventProbe extends HcsEvent {
        int offset(String field) {
            return fieldOffset(field);
        }
    }

    @Test
    void processInformationHasTheX64Layout() {
        assumeTrue(Native.POINTER_SIZE == 8, "64-bit layout");
        ProcessInfoProbe info = new ProcessInfoProbe();
        assertEquals(32, info.size());
        assertEquals(0, info.offset("ProcessId"));
        assertEquals(4, info.offset("Reserved"));
        assertEquals(8, info.offset("StdInput"));
        assertEquals(16, info.offset("StdOutput"));
        assertEquals(24, info.offset("StdError"));

        info.ProcessId = 0x11223344;
        info.Reserved = 0x55;
        info.StdInput = new Pointer(0x1000);
        info.StdOutput = new Pointer(0x2000);
        info.StdError = new Pointer(0x3000);
        info.write();
        Pointer raw = info.getPointer();
        assertEquals(0x11223344, raw.getInt(0));
        assertEquals(0x55, raw.getInt(4));
        assertEquals(0x1000, raw.getLong(8));
        assertEquals(0x2000, raw.getLong(16));
        assertEquals(0x3000, raw.getLong(24));
    }

    @Test
    void eventHasTheX64Layout() {
        assumeTrue(Native.POINTER_SIZE == 8, "64-bit layout");
        EventProbe event = new EventProbe();
        assertEquals(24, event.size());
        assertEquals(0, event.offset("Type"));
        assertEquals(8, event.offset("EventData"));
        assertEquals(16, event.offset("Operation"));

        event.Type = HcsEvents.V2_PROCESS_EXITED;
        event.EventData = new Pointer(0x4000);
        event.Operation = new Pointer(0x5000);
        event.write();
        Pointer raw = event.getPointer();
        assertEquals(0x00010000, raw.getInt(0));
        assertEquals(0x4000, raw.getLong(8));
        assertEquals(0x5000, raw.getLong(16));
    }
}
