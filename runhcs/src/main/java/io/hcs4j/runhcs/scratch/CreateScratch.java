package io.hcs4j.runhcs.scratch;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code runhcs create-scratch}, as hcsshim's {@code cmd/runhcs/create-scratch.go} and {@code lcow.CreateScratch}:
 * size 0 means the default 20 GB; with a cache path and the default size, an existing cache file is copied to the
 * destination (replacing it), otherwise the disk is created (the destination must not exist) and then copied to
 * the cache (which must not exist by then). Other sizes never touch the cache.
 */
public final class CreateScratch {
    private static final Logger LOG = LoggerFactory.getLogger(CreateScratch.class);
    /** hcsshim's {@code lcow.DefaultScratchSizeGB}. */
    public static final int DEFAULT_SIZE_GB = 20;

    private CreateScratch() {
    }

    /** Makes the scratch {@code dest}; {@code cache} may be null. */
    public static void run(ScratchDisks disks, Path dest, long sizeGb, Path cache) throws IOException {
        if (sizeGb < 0 || sizeGb > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("invalid --sizeGB " + sizeGb + ": a size in GB, 0 for the default "
                    + DEFAULT_SIZE_GB);
        }
        int size = sizeGb == 0 ? DEFAULT_SIZE_GB : (int) sizeGb;
        Path dir = dest.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("cannot create " + dest + ": directory " + dir + " does not exist");
        }
        boolean cached = cache != null && size == DEFAULT_SIZE_GB;
        if (cached && Files.exists(cache)) {
            disks.copy(cache, dest, true);
            LOG.debug("create-scratch: copied {} from the cache {}", dest, cache);
            return;
        }
        if (Files.exists(dest)) {
            throw new FileAlreadyExistsException(dest.toString(), null, "the scratch disk to create already exists");
        }
        disks.create(dest, size);
        if (cached) {
            try {
                disks.copy(dest, cache, false);
            } catch (IOException e) {
                throw new IOException("failed to seed cache " + cache + " from " + dest + ": " + e.getMessage(), e);
            }
        }
        LOG.debug("create-scratch: created {} ({} GB)", dest, size);
    }
}
