/**
 * The GCS bridge's vocabulary, for host and guest alike: message types ({@link io.hcs4j.schema.guest.MsgType},
 * {@link io.hcs4j.schema.guest.RPCProc}), the request and response bodies of each procedure
 * ({@link io.hcs4j.schema.guest.BridgeMessages}), and the guest-side resource documents they carry.
 */
package io.hcs4j.schema.guest;
