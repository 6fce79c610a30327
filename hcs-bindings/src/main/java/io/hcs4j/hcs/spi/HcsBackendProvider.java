package io.hcs4j.hcs.spi;

/**
 * Service-provider interface (loaded with {@link java.util.ServiceLoader}) through which a host's HCS implementation
 * is found: the JNA provider for Windows lives in this module, the emulator registers its own. Higher layers extend
 * it with the parts they need from the same backend (uvm's {@code HostBackendProvider}: layer storage and the
 * hvsocket transport), so that one selection, {@code io.hcs4j.hcs.HcsBackends}, chooses every part at once.
 */
public interface HcsBackendProvider {

    /** "windows" or "emulator": the names HCS4J_BACKEND refers to. */
    String name();

    /** Whether this provider can serve on this host. */
    boolean isAvailable();

    /** The backend; providers may return a shared instance. */
    HcsBackend backend();
}
