/**
 * The emulated Linux guest agent: an out-of-process GCS that dials the host and answers the bridge's
 * {@code schema.guest} requests as the reference GCS does, and the container runtime behind it (layers, devices,
 * cgroups, processes on the host, with or without root).
 */
package io.hcs4j.emulator.guest;
