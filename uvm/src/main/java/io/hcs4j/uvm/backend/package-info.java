/**
 * The host backend as one selected whole: the {@link io.hcs4j.uvm.backend.HostBackendProvider} SPI through which a
 * backend hands out its HCS, layer storage and hvsocket transport, the real Windows provider, and the
 * {@link io.hcs4j.uvm.backend.HostBackend} record that the HCS4J_BACKEND selection produces and callers pass down.
 */
package io.hcs4j.uvm.backend;
