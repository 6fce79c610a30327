package io.hcs4j.platform;

import java.io.InputStream;
import java.io.OutputStream;

/** A {@link Connection} whose two streams are made once, when it is opened (usually by {@link Streams}). */
public abstract class StreamConnection implements Connection {
    private final InputStream input;
    private final OutputStream output;

    protected StreamConnection(InputStream input, OutputStream output) {
        this.input = input;
        this.output = output;
    }

    @Override
    public final InputStream input() {
        return input;
    }

    @Override
    public final OutputStream output() {
        return output;
    }
}
