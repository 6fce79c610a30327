package io.hcs4j.cow.storage;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.win32.StdCallLibrary;

/**
 * The legacy layer calls of vmcompute.dll (the "wclayer" exports), used where computestorage.dll is absent
 * (Windows Server 2016/2019 hosts).
 *
 * <p>Provenance: there is no public header. The signatures follow the Go declarations in hcsshim's
 * {@code internal/wclayer} ({@code //sys} lines): every layer call takes a {@link DriverInfo} and the layer id (the
 * layer folder's name), returns an HRESULT; descriptor arrays are passed as pointer + count. Unverified: parameter
 * names and constness; checked here: structure sizes and field offsets for 64-bit Windows.
 */
public interface VmComputeLayers extends StdCallLibrary {

    /** DriverInfo.Flavour for the filter driver (wcifs), the only flavour hcsshim uses. */
    int FILTER_DRIVER = 1;

    /** DriverInfo { GraphDriverType Flavour; LPCWSTR HomeDir; }: HomeDir is the folder holding the layer folders. */
    @Structure.FieldOrder({"flavour", "homeDir"})
    class DriverInfo extends Structure {
        public int flavour;
        public WString homeDir;

        public DriverInfo() {
        }

        public DriverInfo(String homeDir) {
            this.flavour = FILTER_DRIVER;
            this.homeDir = new WString(homeDir);
        }
    }

    /** WC_LAYER_DESCRIPTOR { GUID LayerId; ULONG Flags; PCWSTR Pathp; }, one per parent layer, topmost first. */
    @Structure.FieldOrder({"layerId", "flags", "path"})
    class LayerDescriptor extends Structure {
        public Guid.GUID layerId;
        public int flags;
        public WString path;

        public LayerDescriptor() {
        }

        public LayerDescriptor(Pointer p) {
            super(p);
        }
    }

    int ActivateLayer(DriverInfo info, WString id);

    int DeactivateLayer(DriverInfo info, WString id);

    int CreateSandboxLayer(DriverInfo info, WString id, Pointer parent, LayerDescriptor descriptors, int count);

    int ExpandSandboxSize(DriverInfo info, WString id, long size);

    int DestroyLayer(DriverInfo info, WString id);

    int LayerExists(DriverInfo info, WString id, IntByReference exists);

    int PrepareLayer(DriverInfo info, WString id, LayerDescriptor descriptors, int count);

    int UnprepareLayer(DriverInfo info, WString id);

    /** Called twice: first with a null buffer to learn the length (in WCHARs, including the NUL), then to fill it. */
    int GetLayerMountPath(DriverInfo info, WString id, LongByReference length, char[] buffer);

    /** The layer id Windows derives from a layer folder's name. */
    int NameToGuid(WString name, Guid.GUID guid);
}
