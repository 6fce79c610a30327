package io.hcs4j.emulator.guest;

import io.hcs4j.hcs.raw.HResults;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * The network namespaces the emulated guest knows, as the reference GCS keeps them (hcsv2 network.go): added
 * by the host (NetworkNamespace, or implicitly by a network adapter naming one), each given to at most one
 * container, the pod sandbox or standalone container whose init owns it. Ids compare case-insensitively. The
 * emulated VM has no network hardware: this is bookkeeping, no kernel namespace is made.
 */
final class NetworkNamespaces {
    private static final class Namespace {
        final String id;
        final Set<String> adapters = new HashSet<>();
        String container;
        IntSupplier pid;

        Namespace(String id) {
            this.id = id;
        }
    }

    private final Map<String, Namespace> namespaces = new HashMap<>();

    private static String key(String id) {
        return id == null ? "" : id.toLowerCase(Locale.ROOT);
    }

    synchronized void add(String id) {
        namespaces.computeIfAbsent(key(id), Namespace::new);
    }

    /** Removing an unknown namespace succeeds, as in the reference; one with adapters is refused. */
    synchronized void remove(String id) throws GuestError {
        Namespace ns = namespaces.get(key(id));
        if (ns == null) {
            return;
        }
        if (!ns.adapters.isEmpty()) {
            throw new GuestError(HResults.E_FAIL, "network namespace '" + ns.id + "' contains adapters");
        }
        namespaces.remove(ns.id);
    }

    synchronized void addAdapter(String namespaceId, String adapterId) throws GuestError {
        Namespace ns = namespaces.computeIfAbsent(key(namespaceId), Namespace::new);
        if (!ns.adapters.add(key(adapterId))) {
            throw new GuestError(HResults.E_FAIL, "adapter with id: '" + adapterId + "' already present in namespace");
        }
    }

    synchronized void removeAdapter(String namespaceId, String adapterId) {
        Namespace ns = namespaces.get(key(namespaceId));
        if (ns != null) {
            ns.adapters.remove(key(adapterId));
        }
    }

    /**
     * Gives a pod sandbox the namespace the host added: an unknown one is 0x80070490 "namespace '<id>' not
     * found".
     */
    synchronized void assignKnown(String namespaceId, String containerId, IntSupplier pid) throws GuestError {
        Namespace ns = namespaces.get(key(namespaceId));
        if (ns == null) {
            throw new GuestError(HResults.E_ELEMENT_NOT_FOUND, "namespace '" + key(namespaceId) + "' not found");
        }
        assign(ns, containerId, pid);
    }

    /** Gives a standalone container its namespace, known or not (an empty id is a namespace too). */
    synchronized void assign(String namespaceId, String containerId, IntSupplier pid) throws GuestError {
        assign(namespaces.computeIfAbsent(key(namespaceId), Namespace::new), containerId, pid);
    }

    private static void assign(Namespace ns, String containerId, IntSupplier pid) throws GuestError {
        if (ns.container != null) {
            throw new GuestError(HResults.E_FAIL, "previously assigned container pid " + ns.pid.getAsInt()
                    + " to network namespace \"" + ns.id + "\"");
        }
        ns.container = containerId;
        ns.pid = pid;
    }

    /** The container is gone: its namespace is free again (the host removes it). */
    synchronized void release(String containerId) {
        for (Namespace ns : namespaces.values()) {
            if (containerId.equals(ns.container)) {
                ns.container = null;
                ns.pid = null;
            }
        }
    }
}
