package io.hcs4j.uvm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's root filesystem made of VHDs, as hcsshim's {@code MountLCOWLayers} makes it: each read-only layer
 * attached to the VM ({@link UtilityVm#addLayer}: vPMem or SCSI, one attachment per file shared by the VM's
 * containers), the scratch disk attached over SCSI and mounted at the container's guest directory, then the
 * guest's {@code CombinedLayers} (overlay) at {@code <guest root>/rootfs} with its upper and work directories in
 * {@code <scratch mount>/scratch/<container id>} (a read-only view has no scratch disk: its scratch directory is
 * the guest's own, under the container's directory). Closing undoes it in reverse: the combined layers first, then
 * the scratch, then the layers, the last attached first. A step that fails while mounting undoes the ones before
 * it.
 */
public final class LcowLayers implements Resource {
    private final String rootfs;
    private final String scratchDir;
    private final List<Resource> layers;
    private final Resource scratch;
    private Resource combined;

    private LcowLayers(String rootfs, String scratchDir, List<Resource> layers, Resource scratch) {
        this.rootfs = rootfs;
        this.scratchDir = scratchDir;
        this.layers = layers;
        this.scratch = scratch;
    }

    /**
     * @param layerVhds  the read-only layers' VHD files, topmost first
     * @param scratchVhd the container's scratch disk (containers that share one share its first mount); null for none
     * @param guestRoot  the container's directory in the guest ({@code /run/gcs/c/<id>})
     */
    public static LcowLayers mount(UtilityVm vm, String containerId, List<String> layerVhds, String scratchVhd,
                                   String guestRoot) throws IOException {
        List<Resource> attached = new ArrayList<>();
        try {
            List<String> guestPaths = new ArrayList<>();
            for (String vhd : layerVhds) {
                Resource layer = attach(() -> vm.addLayer(vhd), "layer " + vhd);
                attached.add(layer);
                guestPaths.add(layer.guestPath());
            }
            List<Resource> layers = List.copyOf(attached);
            Resource scratch = null;
            String scratchRoot = guestRoot;
            if (scratchVhd != null) {
                scratch = attach(() -> vm.addScratchDisk(scratchVhd, guestRoot), "scratch " + scratchVhd);
                attached.add(scratch);
                scratchRoot = scratch.guestPath();
            }
            String scratchDir = scratchRoot + "/scratch/" + containerId;
            String rootfs = guestRoot + "/rootfs";
            LcowLayers mounted = new LcowLayers(rootfs, scratchDir, layers, scratch);
            mounted.combined = vm.addCombinedLayers(containerId, rootfs, guestPaths, scratchDir);
            return mounted;
        } catch (IOException | RuntimeException e) {
            for (int i = attached.size() - 1; i >= 0; i--) {
                try {
                    attached.get(i).close();
                } catch (IOException | RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private interface Attach {
        Resource run() throws IOException;
    }

    /** Runs one attach step; its failure names what could not be attached. */
    private static Resource attach(Attach step, String what) throws IOException {
        try {
            return step.run();
        } catch (IOException e) {
            throw new IOException("attaching " + what + ": " + e.getMessage(), e);
        }
    }

    /** The container's rootfs in the guest. */
    @Override
    public String guestPath() {
        return rootfs;
    }

    /** The container's scratch directory in the guest (its ScratchDirPath). */
    public String scratchDir() {
        return scratchDir;
    }

    /** Removes the combined layers, then the scratch, then the layers; every step runs, the first error is thrown. */
    @Override
    public void close() throws IOException {
        List<Resource> order = new ArrayList<>();
        synchronized (this) {
            if (combined != null) {
                order.add(combined);
                combined = null;
            } else {
                return;
            }
        }
        if (scratch != null) {
            order.add(scratch);
        }
        for (int i = layers.size() - 1; i >= 0; i--) {
            order.add(layers.get(i));
        }
        IOException failure = null;
        for (Resource r : order) {
            try {
                r.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
