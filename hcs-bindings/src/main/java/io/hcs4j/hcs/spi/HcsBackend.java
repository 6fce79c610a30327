package io.hcs4j.hcs.spi;

import com.sun.jna.Pointer;
import io.hcs4j.hcs.raw.ComputeCore;
import io.hcs4j.hcs.raw.VmCompute;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * One host's HCS: the raw v2 and v1 interfaces (either may be absent) and the host operations the facade needs
 * around them: freeing result strings and turning stdio handles from HCS_PROCESS_INFORMATION into streams.
 */
public interface HcsBackend {

    /** Short name for logs, e.g. "windows" or "emulator". */
    String name();

    /** computecore.dll (HCS v2), or null when the host lacks it. */
    ComputeCore computeCore();

    /** vmcompute.dll (HCS v1), or null when the host lacks it. */
    VmCompute vmCompute();

    /** Frees a string computecore.dll returned (LocalFree). */
    void localFree(Pointer p);

    /** Frees a string vmcompute.dll returned (CoTaskMemFree). */
    void coTaskMemFree(Pointer p);

    /** A stream reading from a stdio handle HCS returned; the stream owns and closes the handle. */
    InputStream openReader(Pointer handle);

    /** A stream writing to a stdio handle HCS returned; the stream owns and closes the handle. */
    OutputStream openWriter(Pointer handle);

    /** Closes a stdio handle HCS returned that no stream will own (the process could not be set up). */
    void closeHandle(Pointer handle);
}
