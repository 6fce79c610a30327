package io.hcs4j.emulator.guest;

/** A request the emulated guest refuses, with the HRESULT the reference GCS answers in that case. */
final class GuestError extends Exception {
    static final int E_NOT_FOUND = 0x80070490;
    static final int E_SYSTEM_NOT_FOUND = 0xC037010E;
    static final int E_TIMEOUT = 0xC0370109;
    static final int E_INVALID_STATE = 0xC0370105;
    static final int E_UNKNOWN_MESSAGE = 0xC037010B;
    static final int E_INVALID_JSON = 0xC037010D;
    static final int E_INVALIDARG = 0x80070057;
    static final int E_NOTIMPL = 0x80004001;
    static final int E_FAIL = 0x80004005;

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
