/**
 * Windows containers: process-isolated, an HCS compute system per task (cow's {@code HcsContainer}) on the Windows
 * layers containerd hands over (read with the bundle's spec by {@code WcowSpec}, for both paths), and the HCS modify requests that update such a container's resources; and Hyper-V
 * isolated, in a Windows utility VM per task or pod (the runtime package's {@code TaskVm}) booted from the image's {@code UtilityVM} folder, the container
 * created inside it through the GCS bridge on VSMB-shared layers and a SCSI scratch.
 */
package io.hcs4j.shim.runtime.wcow;
