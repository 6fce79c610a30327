/**
 * Process-isolated Windows containers: an HCS compute system per task (cow's {@code HcsContainer}) on the
 * Windows layers containerd hands over.
 */
package io.hcs4j.shim.runtime.wcow;
