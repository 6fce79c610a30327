package io.hcs4j.hcs;

import io.hcs4j.hcs.spi.HcsBackend;
import io.hcs4j.hcs.spi.HcsBackendProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Chooses the backend and the HCS generation once. The setting {@code HCS4J_BACKEND} (environment) or
 * {@code hcs4j.backend} (system property, wins) takes one of:
 * <ul>
 *   <li>{@code auto} (default): real HCS on Windows (computecore.dll where present, else vmcompute.dll),
 *       the emulator elsewhere (through its computecore interface);</li>
 *   <li>{@code computecore} / {@code vmcompute}: real HCS with that generation;</li>
 *   <li>{@code emulator} / {@code emulator-vmcompute}: the emulator through its computecore / vmcompute interface.</li>
 * </ul>
 * The choice is logged once per process.
 */
public final class HcsBackends {
    private static final Logger LOG = LoggerFactory.getLogger(HcsBackends.class);
    private static volatile boolean logged;

    /** A chosen backend and generation. */
    public record Selection(HcsBackend backend, HcsGeneration generation) {
    }

    private HcsBackends() {
    }

    /** The backend and generation the current setting selects. */
    public static Selection select() {
        String setting = System.getProperty("hcs4j.backend", System.getenv("HCS4J_BACKEND"));
        Selection s = select(setting == null || setting.isBlank() ? "auto" : setting.trim().toLowerCase(Locale.ROOT));
        if (!logged) {
            logged = true;
            LOG.info("HCS backend: {} via {} (HCS4J_BACKEND={})", s.backend().name(),
                    s.generation().name().toLowerCase(Locale.ROOT), setting == null ? "auto" : setting);
        }
        return s;
    }

    static Selection select(String setting) {
        return switch (setting) {
            case "auto" -> {
                HcsBackendProvider windows = find("windows");
                if (windows != null && windows.isAvailable()) {
                    HcsBackend b = windows.backend();
                    yield new Selection(b, b.computeCore() != null ? HcsGeneration.COMPUTECORE : HcsGeneration.VMCOMPUTE);
                }
                yield new Selection(require("emulator").backend(), HcsGeneration.COMPUTECORE);
            }
            case "computecore" -> new Selection(require("windows").backend(), HcsGeneration.COMPUTECORE);
            case "vmcompute" -> new Selection(require("windows").backend(), HcsGeneration.VMCOMPUTE);
            case "emulator" -> new Selection(require("emulator").backend(), HcsGeneration.COMPUTECORE);
            case "emulator-vmcompute" -> new Selection(require("emulator").backend(), HcsGeneration.VMCOMPUTE);
            default -> throw new IllegalArgumentException("HCS4J_BACKEND: unknown value '" + setting
                    + "' (auto, computecore, vmcompute, emulator, emulator-vmcompute)");
        };
    }

    private static HcsBackendProvider find(String name) {
        for (HcsBackendProvider p : ServiceLoader.load(HcsBackendProvider.class)) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    private static HcsBackendProvider require(String name) {
        HcsBackendProvider p = find(name);
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
