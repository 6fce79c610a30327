/**
 * The emulated computestorage.dll: attaching the layer storage filter to a writable layer folder makes it the
 * container's merged root (parent layers copied in, upper layers winning), and detaching removes what the
 * container left unchanged, so a scratch layer keeps exactly what the container wrote.
 */
package io.hcs4j.emulator.storage;
