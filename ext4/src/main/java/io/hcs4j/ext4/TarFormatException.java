package io.hcs4j.ext4;

import java.io.IOException;

/** A tar stream that cannot be read: bad checksum, truncated, malformed records, unsupported entries. */
public final class TarFormatException extends IOException {
    public TarFormatException(String message) {
        super(message);
    }
}
