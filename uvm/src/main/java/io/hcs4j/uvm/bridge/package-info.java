/**
 * The host's end of the GCS bridge: one connection to a guest agent, requests matched to responses by id,
 * per-RPC deadlines, container notifications routed to their listener, and the bridge's death told to every
 * waiter at once. It sends and receives the {@code schema.guest} messages; what each RPC means is
 * {@link io.hcs4j.uvm.guest}'s, the bytes on the wire are {@link io.hcs4j.uvm.bridge.codec}'s.
 */
package io.hcs4j.uvm.bridge;
