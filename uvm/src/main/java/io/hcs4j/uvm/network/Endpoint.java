package io.hcs4j.uvm.network;

import io.hcs4j.schema.guest.LCOWNetworkAdapter;

/**
 * An HNS endpoint as a utility VM needs it: its id and MAC address for the VM's NIC, and the guest's view
 * (namespace, addresses, routes, DNS) for the GCS.
 */
public record Endpoint(String id, String macAddress, LCOWNetworkAdapter guestAdapter) {
}
