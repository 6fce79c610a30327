package io.hcs4j.cow.storage;

import java.io.IOException;

/** A layer-storage call failed with an HRESULT. */
public class LayerStorageException extends IOException {
    private final int hresult;

    public LayerStorageException(String operation, int hresult, String detail) {
        super(operation + " failed: HRESULT 0x" + String.format("%08X", hresult) + (detail == null ? "" : ": " + detail));
        this.hresult = hresult;
    }

    public int hresult() {
        return hresult;
    }
}
