/**
 * The host's side of hvsocket for a VM: AF_HYPERV sockets on Windows, the unix-socket stand-in elsewhere
 * (one directory per VM, one socket per service id), and the mapping of Linux vsock ports to service ids.
 */
package io.hcs4j.uvm.transport;
