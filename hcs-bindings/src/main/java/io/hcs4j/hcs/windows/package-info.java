/**
 * The real HCS backend: the provider that loads computecore.dll or vmcompute.dll through JNA on Windows and
 * registers itself with the backend SPI.
 */
package io.hcs4j.hcs.windows;
