/**
 * The runhcs command line: runc-style commands (create, start, run, exec, kill, delete, state, ...) over cow
 * containers, each container held by one detached holder process that answers the commands over a unix socket
 * (the control protocol, to processes of the same user or root only), and the state directory that outlives both
 * (private to its user); hcsshim's create-scratch lives in {@code .scratch}.
 */
package io.hcs4j.runhcs;
