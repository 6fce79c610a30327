package io.hcs4j.hcs;

/** The HCS API generation the facade drives. */
public enum HcsGeneration {
    /** computecore.dll: operation handles, event callbacks (Windows Server 2019 and later). */
    COMPUTECORE,
    /** vmcompute.dll: per-handle completion notifications (every HCS host). */
    VMCOMPUTE
}
