/**
 * What the GCS bridge's RPCs mean to the host: the negotiated connection to a utility VM's guest agent, and the
 * guest-backed cow implementations ({@link io.hcs4j.uvm.guest.GuestContainer},
 * {@link io.hcs4j.uvm.guest.GuestProcess}) with the GCS's rules for stdio and exit codes.
 */
package io.hcs4j.uvm.guest;
