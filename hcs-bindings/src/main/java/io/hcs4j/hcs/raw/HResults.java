package io.hcs4j.hcs.raw;

/**
 * HRESULT values that HCS returns and hcsshim maps (FACTS.md), plus the HCS_E_* family of winerror.h.
 * vmcompute.dll reports the HCS family with severity bits 0xC037xxxx, computecore.dll as 0x8037xxxx.
 */
public final class HResults {
    private HResults() {
    }

    public static final int S_OK = 0;
    public static final int E_NOTIMPL = 0x80004001;
    public static final int E_ABORT = 0x80004004;
    public static final int E_FAIL = 0x80004005;
    public static final int E_FILE_NOT_FOUND = 0x80070002;
    public static final int E_PATH_NOT_FOUND = 0x80070003;
    public static final int E_SHARING_VIOLATION = 0x80070020;
    public static final int E_ALREADY_EXISTS = 0x800700B7;
    public static final int E_ACCESSDENIED = 0x80070005;
    public static final int E_HANDLE = 0x80070006;
    public static final int E_INVALID_DATA = 0x8007000D;
    public static final int E_NOT_SUPPORTED = 0x80070032;
    public static final int E_INVALIDARG = 0x80070057;
    public static final int E_PROC_NOT_FOUND = 0x8007007F;
    public static final int E_ELEMENT_NOT_FOUND = 0x80070490;
    public static final int E_TIMEOUT = 0x800705B4;

    public static final int V1_OPERATION_PENDING = 0xC0370103;
    public static final int V1_INVALID_STATE = 0xC0370105;
    public static final int V1_UNEXPECTED_EXIT = 0xC0370106;
    /** What the GCS answers a WaitForProcess whose timeout passed. */
    public static final int V1_CONNECTION_TIMEOUT = 0xC0370109;
    public static final int V1_UNKNOWN_MESSAGE = 0xC037010B;
    public static final int V1_INVALID_JSON = 0xC037010D;
    public static final int V1_SYSTEM_NOT_FOUND = 0xC037010E;
    public static final int V1_SYSTEM_ALREADY_EXISTS = 0xC037010F;
    public static final int V1_SYSTEM_ALREADY_STOPPED = 0xC0370110;

    public static final int HCS_E_INVALID_STATE = 0x80370105;
    public static final int HCS_E_UNEXPECTED_EXIT = 0x80370106;
    public static final int HCS_E_CONNECTION_TIMEOUT = 0x80370109;
    public static final int HCS_E_UNKNOWN_MESSAGE = 0x8037010B;
    public static final int HCS_E_INVALID_JSON = 0x8037010D;
    public static final int HCS_E_SYSTEM_NOT_FOUND = 0x8037010E;
    public static final int HCS_E_SYSTEM_ALREADY_EXISTS = 0x8037010F;
    public static final int HCS_E_SYSTEM_ALREADY_STOPPED = 0x80370110;
    public static final int HCS_E_OPERATION_NOT_STARTED = 0x80370115;
    public static final int HCS_E_OPERATION_ALREADY_STARTED = 0x80370116;
    public static final int HCS_E_OPERATION_PENDING = 0x80370117;
    public static final int HCS_E_OPERATION_TIMEOUT = 0x80370118;
    public static final int HCS_E_ACCESS_DENIED = 0x8037011B;
    public static final int HCS_E_SERVICE_DISCONNECT = 0x8037011E;
    public static final int HCS_E_PROCESS_ALREADY_STOPPED = 0x8037011F;
    public static final int HCS_E_OPERATION_ALREADY_CANCELLED = 0x80370121;

    /** The vmcompute.dll form (0xC037xxxx) of an HCS_E_* code; other codes unchanged. */
    public static int toV1(int hr) {
        return (hr & 0xFFFF0000) == 0x80370000 && (hr & 0xFFFF) <= 0x0110 ? hr | 0x40000000 : hr;
    }

    public static boolean failed(int hr) {
        return hr < 0;
    }

    public static String hex(int hr) {
        return String.format("0x%08X", hr);
    }
}
