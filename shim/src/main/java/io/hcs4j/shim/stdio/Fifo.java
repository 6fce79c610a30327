package io.hcs4j.shim.stdio;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.file.Path;

/** mkfifo(3), which the JDK lacks. */
final class Fifo {
    private interface C extends Library {
        C INSTANCE = Native.load("c", C.class);

        int mkfifo(String path, int mode);
    }

    private Fifo() {
    }

    static int make(Path path) {
        return C.INSTANCE.mkfifo(path.toString(), 0600);
    }
}
