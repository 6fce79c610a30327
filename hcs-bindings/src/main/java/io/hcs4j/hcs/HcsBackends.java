package io.hcs4j.hcs;

import io.hcs4j.hcs.spi.HcsBackend;
import io.hcs4j.hcs.spi.HcsBackendProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.ServiceLoader;

/**
 * The one backend selection: chooses the provider and the HCS generation. The setting {@code HCS4J_BACKEND}
 * (environment) or {@code hcs4j.backend} (system property, wins) takes one of:
 * <ul>
 *   <li>{@code auto} (default): real HCS on Windows (computecore.dll where present, else vmcompute.dll),
 *       the emulator elsewhere (through its computecore interface);</li>
 *   <li>{@code computecore} / {@code vmcompute}: real HCS with that generation;</li>
 *   <li>{@code emulator} / {@code emulator-vmcompute}: the emulator through its computecore / vmcompute interface.</li>
 * </ul>
 * Providers are found with {@link ServiceLoader} as the service type the caller asks for: {@link HcsBackendProvider}
 * for HCS alone, or a subtype of it that a higher layer defines to get that layer's parts from the same provider.
 * The choice is logged once per process.
 */
public final class HcsBackends {
    private static final Logger LOG = LoggerFactory.getLogger(HcsBackends.class);
    private static volatile boolean logged;

    /** A chosen provider and generation. */
    public record Selection<P extends HcsBackendProvider>(P provider, HcsGeneration generation) {
        /** The provider's HCS. */
        public HcsBackend backend() {
            return provider.backend();
        }
    }

    private HcsBackends() {
    }

    /** The HCS backend and generation the current setting selects. */
    public static Selection<HcsBackendProvider> select() {
        return select(HcsBackendProvider.class);
    }

    /** The provider of service type {@code type} and the generation the current setting selects. */
    public static <P extends HcsBackendProvider> Selection<P> select(Class<P> type) {
        String setting = System.getProperty("hcs4j.backend", System.getenv("HCS4J_BACKEND"));
        Selection<P> s = select(type, setting == null || setting.isBlank() ? "auto"
                : setting.trim().toLowerCase(Locale.ROOT));
        if (!logged) {
            logged = true;
            LOG.info("HCS backend: {} via {} (HCS4J_BACKEND={})", s.provider().name(),
                    s.generation().name().toLowerCase(Locale.ROOT), setting == null ? "auto" : setting);
        }
        return s;
    }

    static Selection<HcsBackendProvider> select(String setting) {
        return select(HcsBackendProvider.class, setting);
    }

    private static <P extends HcsBackendProvider> Selection<P> select(Class<P> type, String setting) {
        return switch (setting) {
            case "auto" -> {
                P windows = find(type, "windows");
                if (windows != null && windows.isAvailable()) {
                    yield new Selection<>(windows, windows.backend().computeCore() != null
                            ? HcsGeneration.COMPUTECORE : HcsGeneration.VMCOMPUTE);
                }
                yield new Selection<>(require(type, "emulator"), HcsGeneration.COMPUTECORE);
            }
            case "computecore" -> new Selection<>(require(type, "windows"), HcsGeneration.COMPUTECORE);
            case "vmcompute" -> new Selection<>(require(type, "windows"), HcsGeneration.VMCOMPUTE);
            case "emulator" -> new Selection<>(require(type, "emulator"), HcsGeneration.COMPUTECORE);
            case "emulator-vmcompute" -> new Selection<>(require(type, "emulator"), HcsGeneration.VMCOMPUTE);
            default -> throw new IllegalArgumentException("HCS4J_BACKEND: unknown value '" + setting
                    + "' (auto, computecore, vmcompute, emulator, emulator-vmcompute)");
        };
    }

    private static <P extends HcsBackendProvider> P find(Class<P> type, String name) {
        for (P p : ServiceLoader.load(type)) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    private static <P extends HcsBackendProvider> P require(Class<P> type, String name) {
        P p = find(type, name);
        if (p == null) {
            throw new IllegalStateException("no HCS backend provider '" + name + "' on the class path"
                    + ("emulator".equals(name) ? " (add hcs4j-emulator)" : ""));
        }
        if (!p.isAvailable()) {
            throw new IllegalStateException("HCS backend '" + name + "' is not available on this host");
        }
        return p;
    }
}
