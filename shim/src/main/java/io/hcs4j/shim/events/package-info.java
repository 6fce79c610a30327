/**
 * The shim's task events (/tasks/create, /tasks/start, /tasks/exit, ...): their topics and the publisher that
 * forwards them, in the order they were queued, to containerd's Events service over ttrpc at TTRPC_ADDRESS.
 */
package io.hcs4j.shim.events;
