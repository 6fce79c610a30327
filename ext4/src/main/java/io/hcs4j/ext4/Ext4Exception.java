package io.hcs4j.ext4;

import java.io.IOException;

/** A file system the writer cannot make from its input (bad name, too big, conflicting entries); names the path. */
public final class Ext4Exception extends IOException {
    public Ext4Exception(String message) {
        super(message);
    }
}
