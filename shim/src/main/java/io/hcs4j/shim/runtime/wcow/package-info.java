/**
 * Process-isolated Windows containers: an HCS compute system per task (cow's {@code HcsContainer}) on the
 * Windows layers containerd hands over, and the HCS modify requests that update such a container's resources.
 */
package io.hcs4j.shim.runtime.wcow;
