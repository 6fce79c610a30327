/**
 * The backend service-provider interface: {@link io.hcs4j.hcs.spi.HcsBackendProvider}, found with
 * {@link java.util.ServiceLoader} and chosen by the one selection ({@link io.hcs4j.hcs.HcsBackends}), and
 * {@link io.hcs4j.hcs.spi.HcsBackend}, a host's raw HCS interfaces and the memory and handle operations around them.
 */
package io.hcs4j.hcs.spi;
