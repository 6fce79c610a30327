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
 * A container in a utility VM: the guest's container, guarded by its open and started state, plus what the host
 * holds for it besides, its storage in the VM (layers, scratch, shares) and its place in the VM
 * ({@link Membership}), which also says whether its task owns the VM ({@link VmHosted}). The guest has no per-container pause, so pausing pauses the VM, as the membership allows.
 * Closing kills what still runs, removes the storage, last added first, and leaves the VM.
 * <p>
 * What differs by the guest's OS is the end of close and updates. A Linux guest ({@link #linux}) keeps the
 * container's state until asked to delete it, which it can only once the rootfs is unmounted, and takes resource
 * updates. A Windows guest ({@link #createWindows}) does neither, and its container's storage is removed through
 * HCS, which a stopped VM has taken with it.
 */
public final class HostedContainer implements Container, VmHosted {
    private static final Logger LOG = LoggerFactory.getLogger(HostedContainer.class);
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

        /** Whether the VM was booted for this container's task (a standalone task, a pod's sandbox). */
        boolean ownsVm();
    }

    private final String id;
    private final UtilityVm vm;
    private final Membership membership;
    private final boolean linux;
    /** Removed at close, last first. */
    private final List<Resource> storage;
    private final GuestContainer container;
    private boolean started;
    private boolean closed;

    private HostedContainer(String id, UtilityVm vm, Membership membership, boolean linux, List<Resource> storage,
                            GuestContainer container) {
        this.id = id;
        this.vm = vm;
        this.membership = membership;
        this.linux = linux;
        this.storage = storage;
        this.container = container;
    }

    /** Linux container {@code container} of Linux VM {@code vm}, on {@code rootfs} (its combined layers), which it has
     * joined as {@code membership} says. */
    public static HostedContainer linux(String id, UtilityVm vm, Membership membership, Resource rootfs,
                                        GuestContainer container) {
        return new HostedContainer(id, vm, membership, true, List.of(rootfs), container);
    }

    /**
     * Creates Windows container {@code id} of {@code spec} on {@code layerFolders} (parents first, the writable layer
     * last) in the started Windows VM {@code vm}, which it joins as {@code membership} says; set up as hcsshim's
     * mountHypervIsolatedWCIFSLayers and CreateContainer do: the read-only layers shared into the VM over VSMB, the
     * writable layer's scratch disk on SCSI (mounted at {@code c:\mounts\scsi\m<n>}, the container's root), the
     * layers combined there, and the container created in the guest from a HostedSystem document whose layers are
     * the guest paths. A backend whose VMs see the host's files (the emulator) may give the writable layer folder
     * itself as the scratch disk when it has no {@code sandbox.vhdx}.
     *
     * @throws IllegalStateException when the writable layer has no scratch disk
     */
    public static HostedContainer createWindows(UtilityVm vm, LayerStorage storage, boolean guestSeesHostFiles,
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
            return new HostedContainer(id, vm, membership, false, added, vm.createHostedContainer(id, document));
        } catch (IOException | RuntimeException e) {
            IOException undo = release(id, added, null);
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
    public UtilityVm utilityVm() {
        return vm;
    }

    @Override
    public boolean ownsUtilityVm() {
        return membership.ownsVm();
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
    public void modify(Object request) throws IOException {
        if (!linux) {
            throw new UnsupportedOperationException("updating the resources of a container in a Windows utility VM");
        }
        container.modify(request);
    }

    /**
     * Kills what still runs, then tears down in hcsshim's order: the storage, last added first (a Linux guest
     * unmounts the rootfs), then, in a Linux guest, the guest's state (the guest removes the container's scratch
     * and bundle directories, which it cannot while the rootfs is still mounted in the bundle); and leaves the VM.
     * Every step runs; the first failure is the close's error. A guest that is gone took the container's state with
     * it, and a Windows VM that has stopped took its storage.
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
        IOException failure;
        if (linux) {
            failure = release(id, storage, null);
            failure = step(id, "delete the guest's state", container::deleteState, failure);
        } else {
            // A guest that is gone (the bridge closed) means the VM is going down: HCS reports that a moment later.
            if (container.exit().isCompletedExceptionally()) {
                try {
                    vm.exit().get(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (Exception e) {
                    LOG.warn("container {}: the guest is gone but its VM {} still runs", id, vm.id());
                }
            }
            failure = vm.exit().isDone() ? null : release(id, storage, null);
        }
        container.close();
        membership.leave();
        if (failure != null) {
            throw failure;
        }
    }

    private interface Step {
        void run() throws IOException;
    }

    /** Closes {@code resources} last first; returns the first failure so far, later ones suppressed in it. */
    private static IOException release(String id, List<Resource> resources, IOException failure) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            Resource r = resources.get(i);
            failure = step(id, "remove " + r.guestPath(), r::close, failure);
        }
        return failure;
    }

    /** Runs a teardown step; returns the first failure so far, later ones suppressed in it. */
    private static IOException step(String id, String what, Step step, IOException failure) {
        try {
            step.run();
            return failure;
        } catch (BridgeClosedException e) {
            LOG.info("container {}: {}: the guest is gone: {}", id, what, e.getMessage());
            return failure;
        } catch (IOException e) {
            LOG.warn("container {}: {}: {}", id, what, e.getMessage());
            IOException failed = new IOException("container " + id + ": " + what + ": " + e.getMessage(), e);
            if (failure == null) {
                return failed;
            }
            failure.addSuppressed(failed);
            return failure;
        }
    }
}
