/**
 * Operating-system code every layer shares, OSHI style: the one {@link io.hcs4j.platform.Connection} (a byte
 * stream one thread reads while another writes) with its stream-backed base and its socket-channel
 * implementation, the one stream adapter over a read and a write function ({@link io.hcs4j.platform.Streams}),
 * processes that outlive the JVM ({@link io.hcs4j.platform.Detached}) and recursive deletes
 * ({@link io.hcs4j.platform.FileTrees}). Native bindings live in one package per OS: {@code .windows} and
 * {@code .posix}.
 */
package io.hcs4j.platform;
