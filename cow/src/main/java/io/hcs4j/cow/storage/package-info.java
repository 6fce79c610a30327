/**
 * Layer storage for process-isolated Windows containers: mounting a container's read-only layers and scratch as
 * its root through computestorage.dll (or the legacy vmcompute layer calls), and undoing it. The API a backend
 * provides is {@code .spi}; the backend selection hands it over with the HCS it belongs to.
 */
package io.hcs4j.cow.storage;
