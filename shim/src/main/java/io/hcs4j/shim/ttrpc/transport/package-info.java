/**
 * Where ttrpc listens and dials: named pipes on Windows (a listener whose DACL admits Administrators and SYSTEM
 * only), unix sockets elsewhere, picked by the address's form. The connections themselves are the platform's.
 */
package io.hcs4j.shim.ttrpc.transport;
