package io.hcs4j.emulator.guest;

/**
 * A request the emulated guest refuses, with the HRESULT the reference GCS answers in that case (values from
 * {@link io.hcs4j.hcs.raw.HResults}).
 */
final class GuestError extends Exception {
    final int hresult;

    GuestError(int hresult, String message) {
        super(message);
        this.hresult = hresult;
    }

    /** The reference's message for a bare HRESULT, e.g. {@code HRESULT: 0x80070490}. */
    static GuestError of(int hresult) {
        return new GuestError(hresult, String.format("HRESULT: 0x%08x", hresult));
    }
}
