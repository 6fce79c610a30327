/**
 * Linux: the one libc binding ({@link io.hcs4j.platform.posix.Libc}) and the process and descriptor helpers over
 * it ({@link io.hcs4j.platform.posix.Posix}): FIFOs, pipes, signals, pseudo-terminals, pidfds, reaping children as
 * a subreaper, and a unix socket that receives a descriptor ({@link io.hcs4j.platform.posix.DescriptorSocket}).
 */
package io.hcs4j.platform.posix;
