package io.hcs4j.emulator.hcs;

import io.hcs4j.hcs.raw.HResults;

/** A failure the emulator reports to its caller as an HRESULT (computecore form) and a result document. */
final class HcsFault extends RuntimeException {
    final int hresult;

    HcsFault(int hresult, String message) {
        super(message);
        this.hresult = hresult;
    }

    /** The result document HCS attaches to a failure. */
    String document() {
        return document(hresult);
    }

    /** The result document for the failure reported as {@code reported} (vmcompute's form of the code). */
    String document(int reported) {
        return "{\"Error\":" + reported + ",\"ErrorMessage\":" + JsonDocs.quote(getMessage())
                + ",\"ErrorEvents\":[{\"Message\":" + JsonDocs.quote(getMessage())
                + ",\"Provider\":\"hcs4j-emulator\",\"EventId\":" + (reported & 0xFFFF)
                + ",\"Source\":\"emulator\"}]}";
    }

    @Override
    public String toString() {
        return HResults.hex(hresult) + " " + getMessage();
    }
}
