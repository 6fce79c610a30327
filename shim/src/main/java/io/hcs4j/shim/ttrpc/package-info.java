/**
 * ttrpc, containerd's RPC protocol for shims: the frame codec (10-byte header, payload limits, buffers grown as
 * bytes arrive) apart from the server, which dispatches requests to the grpc-java service definitions so one
 * Task service implementation serves both, within {@link io.hcs4j.shim.ttrpc.TtrpcLimits} (connections,
 * requests in flight per connection, workers, frame time); and a small client for events and tests. Listening
 * sockets and pipes are in {@code .transport}.
 */
package io.hcs4j.shim.ttrpc;
