/**
 * The GCS bridge's wire format, for both ends of the bridge: framing ({@link io.hcs4j.uvm.bridge.codec.FrameCodec},
 * the 16-byte header and size limits) and bodies ({@link io.hcs4j.uvm.bridge.codec.BodyCodec}, {@code schema.guest}
 * messages written as the Go host or the Go guest writes them). Stateless; knows no RPC.
 */
package io.hcs4j.uvm.bridge.codec;
