package io.hcs4j.cow.hcs;

import io.hcs4j.hcs.HcsException;
import java.io.IOException;

/** The cow interfaces speak IOException: an HCS failure crosses as one, its HcsException kept as the cause. */
final class HcsErrors {
    private HcsErrors() {
    }

    static IOException io(HcsException e) {
        return new IOException(e.getMessage(), e);
    }
}
