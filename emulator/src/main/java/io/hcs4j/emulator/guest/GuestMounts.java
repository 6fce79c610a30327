package io.hcs4j.emulator.guest;

import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.schema.guest.LCOWMappedDirectory;
import io.hcs4j.schema.guest.LCOWMappedVPMemDevice;
import io.hcs4j.schema.guest.LCOWMappedVirtualDisk;
import io.hcs4j.schema.oci.Mount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Devices the host hot-adds to the emulated VM (Plan9 shares, SCSI disks, vPMem devices), mapped at the guest
 * path the host asks for. The guest's requests name a device by bus address only (share name, controller and
 * LUN, device number); the emulated VM's "hardware" is its device directory, {@code <vm socket dir>/devices},
 * where an entry {@code plan9/<share name>}, {@code scsi/<controller>-<lun>} or {@code vpmem/<device number>}
 * is a symbolic link to the host path behind the device. A host path that is a directory is bind-mounted at the
 * mount path when the guest runs as root (read-only when asked), or linked there without root (read-only is
 * then not enforced, and said so). A host path that is a disk image (ext4, raw or in a fixed VHD) is loop-mounted
 * there ({@link DiskImages}; root only, read-only for vPMem and read-only SCSI disks). Any other device (a file
 * the emulator cannot read as a disk) is acknowledged without a mount, and the log says so.
 */
final class GuestMounts {
    private static final Logger LOG = LoggerFactory.getLogger(GuestMounts.class);

    private final boolean root;
    private final Path devices;
    /** By mount path. */
    private final Map<String, Mapping> mapped = new ConcurrentHashMap<>();

    private record Mapping(Path mountPath, Kind kind, boolean createdDir) {
    }

    private enum Kind { BIND_MOUNT, LOOP_MOUNT, SYMLINK, NONE }

    GuestMounts(boolean root, Path devices) {
        this.root = root;
        this.devices = devices;
    }

    /**
     * A device of a host request: its resource type, its device-directory entry, where to map it and whether
     * read-only (vPMem devices are by nature).
     */
    private record Device(String resourceType, String key, String mountPath, boolean readOnly) {
        static Device of(Object settings) throws GuestError {
            if (settings instanceof LCOWMappedDirectory plan9) {
                return new Device("MappedDirectory", "plan9/" + orEmpty(plan9.shareName), orEmpty(plan9.mountPath),
                        plan9.readOnly);
            }
            if (settings instanceof LCOWMappedVirtualDisk scsi) {
                return new Device("MappedVirtualDisk", "scsi/" + scsi.controller + "-" + scsi.lun,
                        orEmpty(scsi.mountPath), scsi.readOnly || (scsi.options != null && scsi.options.contains("ro")));
            }
            if (settings instanceof LCOWMappedVPMemDevice vpmem) {
                return new Device("VPMemDevice", "vpmem/" + vpmem.deviceNumber, orEmpty(vpmem.mountPath), true);
            }
            throw new GuestError(HResults.E_NOTIMPL, settings.getClass().getSimpleName() + " is no device");
        }

        private static String orEmpty(String s) {
            return s == null ? "" : s;
        }
    }

    /** Maps a device: {@link LCOWMappedDirectory}, {@link LCOWMappedVirtualDisk} or {@link LCOWMappedVPMemDevice}. */
    synchronized void add(Object settings) throws GuestError {
        Device device = Device.of(settings);
        String resourceType = device.resourceType();
        String key = device.key();
        String mountPath = device.mountPath();
        if (mountPath.isEmpty()) {
            // Attached without a mount (the container uses the device itself).
            LOG.info("{} {} attached, not mounted", resourceType, key);
            return;
        }
        if (!Path.of(mountPath).isAbsolute()) {
            throw new GuestError(HResults.E_INVALIDARG, resourceType + " needs an absolute MountPath");
        }
        boolean readOnly = device.readOnly();
        Path target = Path.of(mountPath);
        if (mapped.containsKey(mountPath)) {
            throw new GuestError(HResults.V1_INVALID_STATE, "something is already mapped at " + mountPath);
        }
        Path source = hostDirectory(key);
        DiskImages.Image image = source == null ? diskImage(key) : null;
        if (image != null) {
            mountImage(device, image, target);
            return;
        }
        if (source == null) {
            LOG.info("{} {}: the emulated VM has no directory behind it; acknowledged, nothing mapped at {}",
                    resourceType, key, mountPath);
            mapped.put(mountPath, new Mapping(target, Kind.NONE, false));
            return;
        }
        try {
            if (root) {
                boolean created = !Files.exists(target);
                Files.createDirectories(target);
                try {
                    if (readOnly) {
                        bindReadOnly(source, mountPath);
                    } else {
                        GuestRuntime.run(List.of("mount", "--bind", source.toString(), mountPath));
                    }
                } catch (IOException e) {
                    umountQuietly(mountPath);
                    if (created) {
                        Files.deleteIfExists(target);
                    }
                    throw e;
                }
                mapped.put(mountPath, new Mapping(target, Kind.BIND_MOUNT, created));
                MountLog.AGENT.mounted(target);
            } else {
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException(mountPath + " exists; without root the guest maps a device by linking it there");
                }
                Files.createDirectories(target.getParent());
                Files.createSymbolicLink(target, source);
                if (readOnly) {
                    LOG.warn("{} {} is linked at {} writable: without root the guest cannot make it read-only",
                            resourceType, key, mountPath);
                }
                mapped.put(mountPath, new Mapping(target, Kind.SYMLINK, false));
            }
            LOG.info("{} {} ({}) mapped at {}{}", resourceType, key, source, mountPath, readOnly ? " read-only" : "");
        } catch (IOException e) {
            throw new GuestError(HResults.E_FAIL, "cannot map " + resourceType + " " + key + " at " + mountPath + ": "
                    + e.getMessage());
        }
    }

    /**
     * A read-only bind mount that is read-only wherever it appears: made and remounted read-only at a private
     * staging point, then moved to {@code mountPath}. A remount does not propagate, so binding in place would give
     * the containers whose mount namespaces follow the rootfs (runc's) a writable copy.
     */
    private void bindReadOnly(Path source, String mountPath) throws IOException {
        Path staging = Files.createTempDirectory(devices.getParent(), "staging-");
        try {
            GuestRuntime.run(List.of("mount", "--bind", source.toString(), staging.toString()));
            try {
                GuestRuntime.run(List.of("mount", "--make-private", staging.toString()));
                GuestRuntime.run(List.of("mount", "-o", "remount,bind,ro", staging.toString()));
                GuestRuntime.run(List.of("mount", "--move", staging.toString(), mountPath));
            } catch (IOException e) {
                umountQuietly(staging.toString());
                throw e;
            }
        } finally {
            Files.deleteIfExists(staging);
        }
    }

    /** Loop-mounts a disk image device at {@code target} (root only), made if missing and removed again on failure. */
    private void mountImage(Device device, DiskImages.Image image, Path target) throws GuestError {
        if (!root) {
            throw new GuestError(HResults.E_FAIL, device.resourceType() + " " + device.key() + ": the disk image "
                    + image.file() + " cannot be mounted: the guest does not run as root");
        }
        boolean created = !Files.exists(target);
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new GuestError(HResults.E_FAIL, "cannot make the mount point " + target + ": " + e.getMessage());
        }
        try {
            DiskImages.mount(image, target, device.readOnly());
        } catch (GuestError e) {
            if (created) {
                try {
                    Files.deleteIfExists(target);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        mapped.put(device.mountPath(), new Mapping(target, Kind.LOOP_MOUNT, created));
        MountLog.AGENT.mounted(target);
        LOG.info("{} {} (disk image {}) mounted at {}{}", device.resourceType(), device.key(), image.file(), target,
                device.readOnly() ? " read-only" : "");
    }

    /** The disk image behind a device entry, or null when it is none (or the entry is missing). */
    private DiskImages.Image diskImage(String key) throws GuestError {
        Path real;
        try {
            real = devices.resolve(key).toRealPath();
        } catch (IOException noSuchDevice) {
            return null;
        }
        try {
            return DiskImages.probe(real);
        } catch (IOException e) {
            throw new GuestError(HResults.E_FAIL, "cannot read the disk image " + real + ": " + e.getMessage());
        }
    }

    /** The directory behind a device entry, or null when there is none (or it is not a directory). */
    private Path hostDirectory(String key) {
        Path entry = devices.resolve(key);
        try {
            Path real = entry.toRealPath();
            return Files.isDirectory(real) ? real : null;
        } catch (IOException noSuchDevice) {
            return null;
        }
    }

    synchronized void remove(Object settings) throws GuestError {
        Device device = Device.of(settings);
        String resourceType = device.resourceType();
        String mountPath = device.mountPath();
        if (mountPath.isEmpty()) {
            return;
        }
        Mapping m = mapped.get(mountPath);
        if (m == null) {
            throw new GuestError(HResults.E_ELEMENT_NOT_FOUND, "nothing of type " + resourceType + " is mapped at " + mountPath);
        }
        try {
            unmap(m);
        } catch (IOException e) {
            throw new GuestError(HResults.E_FAIL, "cannot unmap " + mountPath + ": " + e.getMessage());
        }
        mapped.remove(mountPath);
    }

    private static void unmap(Mapping m) throws IOException {
        switch (m.kind) {
            case BIND_MOUNT, LOOP_MOUNT -> {
                GuestRuntime.run(List.of("umount", m.mountPath.toString()));
                MountLog.AGENT.unmounted(m.mountPath);
                if (m.createdDir) {
                    Files.deleteIfExists(m.mountPath);
                }
            }
            case SYMLINK -> Files.deleteIfExists(m.mountPath);
            case NONE -> { }
        }
    }

    private static void umountQuietly(String mountPath) {
        try {
            GuestRuntime.run(List.of("umount", mountPath));
        } catch (IOException notMounted) {
            // Nothing was mounted there.
        }
    }

    /**
     * The bind mounts of a container's OCI spec ({@code mounts} of type "bind" or with a bind option), made in
     * its rootfs as root: this is how a container sees a share or disk the VM has mapped. Other mount types
     * are not emulated. Returns the targets, in mount order; without root nothing is mounted, and the log says so.
     */
    List<Path> bindSpecMounts(String containerId, Path rootfs, List<Mount> specMounts) throws GuestError {
        List<Path> done = new ArrayList<>();
        for (Mount m : specMounts) {
            List<String> options = m.options == null ? List.of() : m.options;
            if (!"bind".equals(m.type) && !options.contains("bind") && !options.contains("rbind")) {
                continue;
            }
            String source = m.source == null ? "" : m.source;
            String destination = m.destination == null ? "" : m.destination;
            if (!root) {
                LOG.warn("container {}: bind mount {} -> {} not made: the guest does not run as root", containerId,
                        source, destination);
                continue;
            }
            try {
                if (source.isEmpty() || destination.isEmpty()) {
                    throw new IOException("a bind mount needs a source and a destination");
                }
                // As runc does: the destination's symbolic links are resolved inside the rootfs, so none leads out.
                Path target = resolveInRoot(rootfs, destination);
                if (target == null) {
                    throw new IOException("the destination cannot be resolved inside the rootfs");
                }
                if (Files.isDirectory(Path.of(source))) {
                    Files.createDirectories(target);
                } else if (!Files.exists(target)) {
                    Files.createDirectories(target.getParent());
                    Files.createFile(target);
                }
                if (!target.toRealPath().startsWith(rootfs.toRealPath())) {
                    throw new IOException("the destination leaves the rootfs");
                }
                GuestRuntime.run(List.of("mount", options.contains("rbind") ? "--rbind" : "--bind", source,
                        target.toString()));
                done.add(target);
                if (options.contains("ro")) {
                    GuestRuntime.run(List.of("mount", "-o", "remount,bind,ro", target.toString()));
                }
            } catch (IOException e) {
                unbind(done);
                throw new GuestError(HResults.E_FAIL, "container " + containerId + ": cannot bind " + source + " at "
                        + destination + ": " + e.getMessage());
            }
        }
        return done;
    }

    /**
     * {@code path} as a process chrooted in {@code rootfs} sees it (openat2 RESOLVE_IN_ROOT): each symbolic link is
     * resolved with the rootfs as "/", and ".." stops at it. Components that do not exist are kept as named (they
     * are not links); null when links loop or cannot be read.
     */
    static Path resolveInRoot(Path rootfs, String path) {
        Path current = rootfs;
        java.util.Deque<String> pending = new java.util.ArrayDeque<>(List.of(path.split("/")));
        int links = 0;
        while (!pending.isEmpty()) {
            String part = pending.pollFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                current = current.equals(rootfs) ? rootfs : current.getParent();
                continue;
            }
            Path next = current.resolve(part);
            if (Files.isSymbolicLink(next)) {
                if (++links > 40) {
                    return null;
                }
                try {
                    String target = Files.readSymbolicLink(next).toString();
                    List<String> parts = List.of(target.split("/"));
                    for (int i = parts.size() - 1; i >= 0; i--) {
                        pending.addFirst(parts.get(i));
                    }
                    if (target.startsWith("/")) {
                        current = rootfs;
                    }
                } catch (IOException e) {
                    return null;
                }
                continue;
            }
            current = next;
        }
        return current;
    }

    /** Undoes {@link #bindSpecMounts}, the last first. */
    static void unbind(List<Path> targets) {
        for (int i = targets.size() - 1; i >= 0; i--) {
            try {
                GuestRuntime.run(List.of("umount", "--recursive", targets.get(i).toString()));
            } catch (IOException e) {
                LOG.warn("cannot unmount {}: {}", targets.get(i), e.getMessage());
            }
        }
    }

    /** The VM goes down: every mapping goes, the most recent first (one may be inside another). */
    synchronized void removeAll() {
        List<Mapping> all = new ArrayList<>(mapped.values());
        all.sort((a, b) -> b.mountPath.getNameCount() - a.mountPath.getNameCount());
        for (Mapping m : all) {
            try {
                unmap(m);
            } catch (IOException e) {
                LOG.warn("cannot unmap {}: {}", m.mountPath, e.getMessage());
            }
            mapped.remove(m.mountPath.toString());
        }
    }
}
