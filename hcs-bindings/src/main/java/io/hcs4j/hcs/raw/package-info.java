/**
 * The raw Host Compute Service ABI: JNA interfaces for computecore.dll (HCS v2, every function of
 * computecore.h) and vmcompute.dll (HCS v1), the native structures and event types with their x64 layouts,
 * UTF-16 result strings, and the one HRESULT table ({@link io.hcs4j.hcs.raw.HResults}) every layer uses.
 * The emulator implements these same interfaces, so everything above runs unchanged on either.
 */
package io.hcs4j.hcs.raw;
