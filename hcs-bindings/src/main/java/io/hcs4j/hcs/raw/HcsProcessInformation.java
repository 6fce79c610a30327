package io.hcs4j.hcs.raw;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * HCS_PROCESS_INFORMATION (computedefs.h): the process id and the host ends of its stdio pipes.
 * Windows x64 layout: ProcessId @0, Reserved @4, StdInput @8, StdOutput @16, StdError @24, size 32.
 */
@Structure.FieldOrder({"ProcessId", "Reserved", "StdInput", "StdOutput", "StdError"})
public class HcsProcessInformation extends Structure {
    public int ProcessId;
    public int Reserved;
    /** Write end of the process's stdin, or null when not requested. */
    public Pointer StdInput;
    /** Read end of the process's stdout, or null when not requested. */
    public Pointer StdOutput;
    /** Read end of the process's stderr, or null when not requested. */
    public Pointer StdError;

    public HcsProcessInformation() {
        super(ALIGN_MSVC);
    }
}
