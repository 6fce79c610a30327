/**
 * The HCS facade every layer above uses: {@link io.hcs4j.hcs.HcsService} (create, open and enumerate compute
 * systems), {@link io.hcs4j.hcs.ComputeSystem} and {@link io.hcs4j.hcs.HcsProcess} with typed documents, both HCS
 * generations behind one API (v2 operation handles, v1 pending answers), notifications routed to their objects,
 * per-handle ordering of calls and close, timeouts, {@link io.hcs4j.hcs.HcsException} with its
 * {@link io.hcs4j.hcs.HcsErrorKind}, and the one backend selection ({@link io.hcs4j.hcs.HcsBackends}).
 */
package io.hcs4j.hcs;
