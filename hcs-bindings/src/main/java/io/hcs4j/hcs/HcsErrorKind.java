package io.hcs4j.hcs;

import static io.hcs4j.hcs.raw.HResults.*;

/** Named kinds of HCS failures; each HCS-reported kind lists the HRESULTs (v1 and v2 forms) that map to it. */
public enum HcsErrorKind {
    SYSTEM_NOT_FOUND(V1_SYSTEM_NOT_FOUND, HCS_E_SYSTEM_NOT_FOUND),
    ELEMENT_NOT_FOUND(E_ELEMENT_NOT_FOUND),
    NOT_SUPPORTED(E_NOT_SUPPORTED),
    INVALID_DATA(E_INVALID_DATA, E_INVALIDARG),
    ALREADY_EXISTS(V1_SYSTEM_ALREADY_EXISTS, HCS_E_SYSTEM_ALREADY_EXISTS, E_ALREADY_EXISTS),
    ALREADY_STOPPED(V1_SYSTEM_ALREADY_STOPPED, HCS_E_SYSTEM_ALREADY_STOPPED),
    PENDING(V1_OPERATION_PENDING, HCS_E_OPERATION_PENDING),
    INVALID_STATE(V1_INVALID_STATE, HCS_E_INVALID_STATE),
    PROC_NOT_FOUND(E_PROC_NOT_FOUND),
    ACCESS_DENIED(E_ACCESSDENIED, HCS_E_ACCESS_DENIED),
    INVALID_JSON(V1_INVALID_JSON, HCS_E_INVALID_JSON),
    UNKNOWN_MESSAGE(V1_UNKNOWN_MESSAGE, HCS_E_UNKNOWN_MESSAGE),
    UNEXPECTED_EXIT(V1_UNEXPECTED_EXIT, HCS_E_UNEXPECTED_EXIT),
    PROCESS_ALREADY_STOPPED(HCS_E_PROCESS_ALREADY_STOPPED),
    INVALID_HANDLE(E_HANDLE),
    SERVICE_DISCONNECT(HCS_E_SERVICE_DISCONNECT),
    TIMEOUT(HCS_E_OPERATION_TIMEOUT, E_TIMEOUT, HCS_E_CONNECTION_TIMEOUT, V1_CONNECTION_TIMEOUT),
    /** Raised by the facade: the handle was closed before or during the call (no HRESULT from HCS). */
    HANDLE_CLOSED,
    /** Any HRESULT not named above. */
    OTHER;

    private final int[] hresults;

    HcsErrorKind(int... hresults) {
        this.hresults = hresults;
    }

    /** The kind an HRESULT maps to, {@link #OTHER} when none does. */
    public static HcsErrorKind of(int hresult) {
        for (HcsErrorKind k : values()) {
            for (int h : k.hresults) {
                if (h == hresult) {
                    return k;
                }
            }
        }
        return OTHER;
    }

    /** The canonical HRESULT of this kind (the first listed), or E_HANDLE for HANDLE_CLOSED, 0 for OTHER. */
    public int hresult() {
        return hresults.length > 0 ? hresults[0] : this == HANDLE_CLOSED ? E_HANDLE : 0;
    }
}
