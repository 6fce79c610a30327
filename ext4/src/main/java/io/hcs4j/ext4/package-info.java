/**
 * Disk formats of Linux container layers, below every other module: the fixed-VHD footer ({@link
 * io.hcs4j.ext4.VhdFooter}), a compact ext4 image writer laid out as hcsshim's {@code compactext4}, and
 * {@code tar2ext4}, which turns an OCI layer tar into such an image. JDK only; no knowledge of HCS or containers.
 */
package io.hcs4j.ext4;
