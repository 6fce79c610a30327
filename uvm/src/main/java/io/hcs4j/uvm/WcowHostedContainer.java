package io.hcs4j.uvm;

import io.hcs4j.cow.Container;
import io.hcs4j.cow.Process;
import io.hcs4j.cow.hcs.ContainerDocuments;
import io.hcs4j.cow.storage.LayerStorage;
import io.hcs4j.schema.oci.Spec;
import io.hcs4j.schema.v1.ContainerProperties;
import io.hcs4j.schema.v2.HostedSystem;
import io.hcs4j.schema.v2.Layer;
import io.hcs4j.schema.v2.ProcessParameters;
import io.hcs4j.schema.v2.Properties;
import io.hcs4j.schema.v2.PropertyType;
import io.hcs4j.uvm.bridge.BridgeClosedException;
import io.hcs4j.uvm.guest.GuestContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Windows container in a Windows utility VM, set up as hcsshim's mountHypervIsolatedWCIFSLayers and
 * CreateContainer do: the read-only layers shared into the VM over VSMB, the writable layer's scratch disk on SCSI
 * (mounted at {@code c:\mounts\scsi\m<n>}, the container's root), the layers combined there, and the container
 * created in the guest from a HostedSystem document whose layers are the guest paths. Closing kills what still
 * runs, removes the resources in reverse (combined layers, scratch, shares) and leaves the VM. The guest has no
 * per-container pause: pausing pauses the VM, as the container's {@link Membership} allows.
 */
public final class WcowHostedContainer implements Container {
    private static final Logger LOG = LoggerFactory.getLogger(WcowHostedContainer.class);
    /** The writable layer's scratch disk, as containerd's Windows snapshotter and hcsshim name it. */
    public static final String SCRATCH_DISK = "sandbox.vhdx";
    /** How long close waits for a killed container, or for the VM of a guest that is gone, before going on. */
    private static final long EXIT_WAIT_SECONDS = 5;

    /** The container's place in its VM: whether it may pause it, and what leaving it means (closing it, for an owner). */
    public interface Membership {
        void pause() throws IOException;

        void resume() throws IOException;

        /** The container is gone; runs once, at the end of close. */
        void leave();
    }

    private final String id;
    private final UtilityVm vm;
    private final Membership membership;
    private final List<Resource> resources;
    private final GuestContainer container;
    private boolean started;
    private boolean closed;

    private WcowHostedContainer(String id, UtilityVm vm, Membership membership, List<Resource> resources,
                                GuestContainer container) {
        this.id = id;
        this.vm = vm;
        this.membership = membership;
        this.resources = resources;
        this.container = container;
    }

    /**
     * Creates container {@code id} of {@code spec} on {@code layerFolders} (parents first, the writable layer last)
     * in the started Windows VM {@code vm}, which it joins as {@code membership} says. A backend whose VMs see the host's files (the emulator) may give the
     * writable layer folder itself as the scratch disk when it has no {@code sandbox.vhdx}.
     *
     * @throws IllegalStateException when the writable layer has no scratch disk
     */
    public static WcowHostedContainer create(UtilityVm vm, LayerStorage storage, boolean guestSeesHostFiles,
                                             String id, Spec spec, List<String> layerFolders, int vmProcessors,
                                             Membership membership) throws IOException {
        List<Resource> added = new ArrayList<>();
        try {
            List<Layer> layers = new ArrayList<>();
            for (String folder : layerFolders.subList(0, layerFolders.size() - 1)) {
                Resource share = vm.addVsmb(folder, true);
                added.add(share);
                Layer l = new Layer();
                l.id = storage.layerId(folder);
                l.path = share.guestPath();
                layers.add(l);
            }
            String scratchFolder = layerFolders.get(layerFolders.size() - 1);
            Resource scratch = vm.addScsiDisk(scratchDisk(guestSeesHostFiles, scratchFolder), null, false);
            added.add(scratch);
            String root = scratch.guestPath();
            added.add(vm.addCombinedLayersWcow(root, layers));
            HostedSystem document = ContainerDocuments.hosted(spec,
                    new ContainerDocuments.Layers(root, scratchFolder, layers), vmProcessors);
            return new WcowHostedContainer(id, vm, membership, added, vm.createHostedContainer(id, document));
        } catch (IOException | RuntimeException e) {
            IOException undo = release(id, added);
            if (undo != null) {
                e.addSuppressed(undo);
            }
            throw e;
        }
    }

    static String scratchDisk(boolean guestSeesHostFiles, String scratchFolder) {
        Path vhd = Path.of(scratchFolder, SCRATCH_DISK);
        if (Files.isRegularFile(vhd)) {
            return vhd.toString();
        }
        if (guestSeesHostFiles) {
            return scratchFolder;
        }
        throw new IllegalStateException("the writable layer " + scratchFolder + " has no " + SCRATCH_DISK);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String os() {
        return container.os();
    }

    @Override
    public boolean isOci() {
        return container.isOci();
    }

    @Override
    public void start() throws IOException {
        synchronized (this) {
            requireOpen();
            started = true;
        }
        container.start();
    }

    @Override
    public Process createProcess(ProcessParameters parameters) throws IOException {
        synchronized (this) {
            requireOpen();
        }
        return container.createProcess(parameters);
    }

    private void requireOpen() throws IOException {
        if (closed) {
            throw new IOException("container " + id + " is closed");
        }
    }

    @Override
    public void shutdown() throws IOException {
        container.shutdown();
    }

    @Override
    public void terminate() throws IOException {
        container.terminate();
    }

    @Override
    public void pause() throws IOException {
        membership.pause();
    }

    @Override
    public void resume() throws IOException {
        membership.resume();
    }

    @Override
    public CompletableFuture<Void> exit() {
        return container.exit();
    }

    @Override
    public ContainerProperties properties(io.hcs4j.schema.v1.PropertyType... types) throws IOException {
        return container.properties(types);
    }

    @Override
    public Properties propertiesV2(PropertyType... types) throws IOException {
        return container.propertiesV2(types);
    }

    @Override
    public void modify(Object request) {
        throw new UnsupportedOperationException("updating the resources of a container in a Windows utility VM");
    }

    /**
     * Kills what still runs, then removes the combined layers, the scratch and the shares, last first, and leaves
     * the VM; every step runs and the first failure is thrown. A VM that has stopped took all of it with it.
     */
    @Override
    public void close() throws IOException {
        boolean wasStarted;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            wasStarted = started;
        }
        try {
            if (wasStarted && !container.exit().isDone()) {
                container.terminate();
                container.exit().get(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // The VM is gone or the container would not stop: removing its storage says which.
            LOG.warn("container {}: terminate: {}", id, e.toString());
        }
        // A guest that is gone (the bridge closed) means the VM is going down: HCS reports that a moment later.
        if (container.exit().isCompletedExceptionally()) {
            try {
                vm.exit().get(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("container {}: the guest is gone but its VM {} still runs", id, vm.id());
            }
        }
        IOException failure = vm.exit().isDone() ? null : release(id, resources);
        container.close();
        membership.leave();
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes {@code resources} last first; returns the first failure, later ones suppressed in it. */
    static IOException release(String id, List<Resource> resources) {
        IOException failure = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (BridgeClosedException e) {
                LOG.info("container {}: the guest is gone: {}", id, e.getMessage());
            } catch (IOException e) {
                LOG.warn("container {}: removing {}: {}", id, resources.get(i).guestPath(), e.getMessage());
                if (failure == null) {
                    failure = new IOException("container " + id + ": removing its storage: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return failure;
    }
}
