package io.hcs4j.uvm.network;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;

/** The computenetwork.dll (HCN, HNS v2) calls used to look endpoints up; checked against mingw's computenetwork.h. */
interface ComputeNetwork extends StdCallLibrary {

    /** Loaded on first use, so referencing the lookup works on any OS. */
    final class Holder {
        static final ComputeNetwork INSTANCE = Native.load("computenetwork", ComputeNetwork.class);

        private Holder() {
        }
    }

    /** HRESULT HcnOpenEndpoint(REFGUID Id, PHCN_ENDPOINT Endpoint, PWSTR *ErrorRecord). */
    int HcnOpenEndpoint(Guid.GUID id, PointerByReference endpoint, PointerByReference errorRecord);

    /** HRESULT HcnQueryEndpointProperties(HCN_ENDPOINT Endpoint, PCWSTR Query, PWSTR *Properties, PWSTR *ErrorRecord). */
    int HcnQueryEndpointProperties(Pointer endpoint, WString query, PointerByReference properties,
                                   PointerByReference errorRecord);

    /** HRESULT HcnCloseEndpoint(HCN_ENDPOINT Endpoint). */
    int HcnCloseEndpoint(Pointer endpoint);
}
