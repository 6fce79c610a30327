package io.hcs4j.runhcs.scratch;

import java.io.IOException;
import java.nio.file.Path;

/** Makes and copies empty ext4 scratch disks in the format of the host backend (VHDX on Windows). */
public interface ScratchDisks {
    /** Creates {@code dest}, which must not exist, as an empty ext4 disk of {@code sizeGb} GiB; on failure nothing is left. */
    void create(Path dest, int sizeGb) throws IOException;

    /** Copies a scratch disk; {@code replace} overwrites {@code to}, otherwise an existing {@code to} is an error. */
    void copy(Path from, Path to, boolean replace) throws IOException;
}
