/**
 * The layer-storage part of a host backend: {@link io.hcs4j.cow.storage.spi.StorageProvider}, the
 * computestorage.dll / vmcompute.dll layer calls a backend offers, handed out by the selected backend's provider.
 */
package io.hcs4j.cow.storage.spi;
