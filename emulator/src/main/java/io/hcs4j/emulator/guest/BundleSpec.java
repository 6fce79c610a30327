package io.hcs4j.emulator.guest;

import io.hcs4j.schema.Json;
import io.hcs4j.schema.oci.Linux;
import io.hcs4j.schema.oci.LinuxCapabilities;
import io.hcs4j.schema.oci.LinuxNamespace;
import io.hcs4j.schema.oci.LinuxNamespaceType;
import io.hcs4j.schema.oci.Mount;
import io.hcs4j.schema.oci.Root;
import io.hcs4j.schema.oci.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The config.json the agent writes into a container's bundle, as the reference GCS does: the host's spec with the
 * guest's rootfs and the container's cgroup. Where the host's spec leaves out what every container engine's spec
 * has (the tests' minimal specs do), the defaults of containerd's spec fill in: PID, IPC, UTS and mount namespaces,
 * /proc, /dev, /dev/pts, /dev/shm, /dev/mqueue and /sys, and containerd's default capabilities.
 */
final class BundleSpec {
    static final List<String> DEFAULT_CAPABILITIES = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
            "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    private BundleSpec() {
    }

    /** Writes {@code bundle}/config.json; {@code cgroupsPath} null leaves the spec's. */
    static void write(Path bundle, Spec hostSpec, Path rootfs, String cgroupsPath) throws IOException {
        Files.createDirectories(bundle);
        Files.writeString(bundle.resolve("config.json"), Json.write(of(hostSpec, rootfs, cgroupsPath)));
    }

    static Spec of(Spec hostSpec, Path rootfs, String cgroupsPath) {
        Spec spec = Json.convert(hostSpec, Spec.class);
        if (spec.root == null) {
            spec.root = new Root();
        }
        spec.root.path = rootfs.toString();
        if (spec.linux == null) {
            spec.linux = new Linux();
        }
        if (cgroupsPath != null) {
            spec.linux.cgroupsPath = cgroupsPath;
        }
        if (spec.linux.namespaces == null) {
            spec.linux.namespaces = new ArrayList<>();
            for (LinuxNamespaceType type : List.of(LinuxNamespaceType.PID, LinuxNamespaceType.IPC,
                    LinuxNamespaceType.UTS, LinuxNamespaceType.MOUNT)) {
                LinuxNamespace ns = new LinuxNamespace();
                ns.type = type;
                spec.linux.namespaces.add(ns);
            }
        }
        List<Mount> mounts = spec.mounts == null ? new ArrayList<>() : new ArrayList<>(spec.mounts);
        List<Mount> defaults = new ArrayList<>();
        addIfMissing(mounts, defaults, "/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev"));
        addIfMissing(mounts, defaults, "/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k"));
        addIfMissing(mounts, defaults, "/dev/pts", "devpts", "devpts",
                List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"));
        addIfMissing(mounts, defaults, "/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k"));
        addIfMissing(mounts, defaults, "/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev"));
        addIfMissing(mounts, defaults, "/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro"));
        // The defaults come first: /dev before what the host mounts under it.
        defaults.addAll(mounts);
        spec.mounts = defaults;
        if (spec.process != null && spec.process.capabilities == null) {
            LinuxCapabilities caps = new LinuxCapabilities();
            caps.bounding = DEFAULT_CAPABILITIES;
            caps.effective = DEFAULT_CAPABILITIES;
            caps.permitted = DEFAULT_CAPABILITIES;
            spec.process.capabilities = caps;
        }
        return spec;
    }

    private static void addIfMissing(List<Mount> mounts, List<Mount> defaults, String destination, String type,
                                     String source, List<String> options) {
        if (mounts.stream().noneMatch(m -> destination.equals(m.destination))) {
            Mount m = new Mount();
            m.destination = destination;
            m.type = type;
            m.source = source;
            m.options = options;
            defaults.add(m);
        }
    }
}
