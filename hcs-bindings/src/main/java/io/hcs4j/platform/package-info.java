/**
 * Operating-system code every layer shares, OSHI style: the one {@link io.hcs4j.platform.Connection} (a byte
 * stream one thread reads while another writes) with its stream-backed base and its socket-channel
 * implementation, the one stream adapter over a read and a write function ({@link io.hcs4j.platform.Streams}),
 * processes that outlive the JVM ({@link io.hcs4j.platform.Detached}), recursive deletes
 * ({@link io.hcs4j.platform.FileTrees}), and the one check that keeps other local users out of runtime directories
 * and unix sockets ({@link io.hcs4j.platform.PrivateDirectory}, {@link io.hcs4j.platform.PeerCredentials}). Native bindings live in one package per OS: {@code .windows} and
 * {@code .posix}.
 */
package io.hcs4j.platform;
