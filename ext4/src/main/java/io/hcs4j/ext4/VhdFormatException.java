package io.hcs4j.ext4;

import java.io.IOException;
import java.nio.file.Path;

/** A disk image without a valid fixed-VHD footer (missing, corrupt, not fixed, wrong size); names the file. */
public final class VhdFormatException extends IOException {
    private final transient Path file;

    public VhdFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** The image the problem was found in. */
    public Path file() {
        return file;
    }
}
