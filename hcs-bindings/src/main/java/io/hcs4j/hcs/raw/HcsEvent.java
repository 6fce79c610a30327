package io.hcs4j.hcs.raw;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * HCS_EVENT (computedefs.h), handed to an {@link ComputeCore.HcsEventCallback}; HCS owns its memory.
 * Windows x64 layout: Type @0, EventData @8, Operation @16, size 24.
 */
@Structure.FieldOrder({"Type", "EventData", "Operation"})
public class HcsEvent extends Structure {
    /** An HCS_EVENT_TYPE value, see {@link HcsEvents}. */
    public int Type;
    /** PCWSTR: UTF-16 JSON document owned by HCS, may be null; read it with {@link Utf16#read}. */
    public Pointer EventData;
    public Pointer Operation;

    public HcsEvent() {
        super(ALIGN_MSVC);
    }
}
