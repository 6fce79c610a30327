/**
 * {@code runhcs create-scratch}: empty ext4 scratch disks for Linux containers, made as hcsshim makes them
 * ({@link io.hcs4j.runhcs.scratch.CreateScratch}: default size and cache rules) by the host backend's
 * {@link io.hcs4j.runhcs.scratch.ScratchDisks}: a VHDX from virtdisk.dll formatted by a utility VM on Windows, a
 * sparse image with a fixed-VHD footer formatted by mkfs.ext4 on the emulator.
 */
package io.hcs4j.runhcs.scratch;
