/**
 * The host's side of hvsocket for a VM: AF_HYPERV sockets on Windows, the unix-socket stand-in elsewhere
 * (one private directory per VM, one socket per service id, peers of the same user or root only), and the mapping
 * of Linux vsock ports to service ids.
 */
package io.hcs4j.uvm.transport;
