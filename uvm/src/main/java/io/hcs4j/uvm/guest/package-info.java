/**
 * The host's side of a guest agent (GCS) connection, as cow sees it: negotiation and VM-level settings
 * ({@code GuestConnection}), guest containers ({@code GuestContainer}) and guest processes
 * ({@code GuestProcess}, where the GCS's stdio and exit rules live).
 */
package io.hcs4j.uvm.guest;
