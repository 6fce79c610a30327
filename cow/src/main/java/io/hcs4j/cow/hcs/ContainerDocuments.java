package io.hcs4j.cow.hcs;

import io.hcs4j.schema.oci.Mount;
import io.hcs4j.schema.oci.Spec;
import io.hcs4j.schema.oci.Windows;
import io.hcs4j.schema.oci.WindowsCPUResources;
import io.hcs4j.schema.oci.WindowsNetwork;
import io.hcs4j.schema.oci.WindowsResources;
import io.hcs4j.schema.v1.ContainerConfig;
import io.hcs4j.schema.v1.MappedDir;
import io.hcs4j.schema.v2.ComputeSystem;
import io.hcs4j.schema.v2.Container;
import io.hcs4j.schema.v2.GuestOs;
import io.hcs4j.schema.v2.HostedSystem;
import io.hcs4j.schema.v2.Layer;
import io.hcs4j.schema.v2.MappedDirectory;
import io.hcs4j.schema.v2.MappedPipe;
import io.hcs4j.schema.v2.Memory;
import io.hcs4j.schema.v2.Networking;
import io.hcs4j.schema.v2.Processor;
import io.hcs4j.schema.v2.RegistryChanges;
import io.hcs4j.schema.v2.RegistryHive;
import io.hcs4j.schema.v2.RegistryKey;
import io.hcs4j.schema.v2.RegistryValue;
import io.hcs4j.schema.v2.RegistryValueType;
import io.hcs4j.schema.v2.Storage;
import io.hcs4j.schema.v2.StorageQoS;
import io.hcs4j.schema.v2.Version;
import java.util.ArrayList;
import java.util.List;

/**
 * The HCS documents for a Windows container, built from an OCI spec's windows section and the mounted layers:
 * for process isolation schema2 {@link ComputeSystem} (Windows Server 2019 and later) and schema1
 * {@link ContainerConfig} (hosts that only speak HCS v1); for a container inside a Windows utility VM the schema2
 * {@link HostedSystem} the guest's GCS takes. Pure functions: no I/O, the same input gives the same document.
 */
public final class ContainerDocuments {
    /** Prefix of a Windows named pipe path: such mounts become mapped pipes, not mapped directories. */
    static final String PIPE_PREFIX = "\\\\.\\pipe\\";
    private static final long MIB = 1024 * 1024;

    private ContainerDocuments() {
    }

    /** Where the container's layers are: its root (mount path), the writable layer folder and the parent layers. */
    public record Layers(String rootPath, String scratchFolder, List<Layer> parents) {
        public Layers {
            parents = List.copyOf(parents);
        }
    }

    /** The schema2 document (schema version 2.1); HCS terminates the container when its last handle closes. */
    public static ComputeSystem v2(String owner, Spec spec, Layers layers) {
        Windows windows = windowsOf(spec);
        Container c = container(spec, windows, layers);
        for (Mount m : mountsOf(spec)) {
            if (isPipe(m)) {
                MappedPipe p = new MappedPipe();
                p.containerPipeName = pipeName(m.destination);
                p.hostPath = m.source;
                c.mappedPipes = add(c.mappedPipes, p);
            } else {
                MappedDirectory d = new MappedDirectory();
                d.hostPath = m.source;
                d.containerPath = m.destination;
                d.readOnly = isReadOnly(m);
                c.mappedDirectories = add(c.mappedDirectories, d);
            }
        }
        WindowsResources r = windows.resources;
        if (r != null && r.cpu != null) {
            Processor p = processor(r.cpu, Integer.MAX_VALUE);
            if (p.count != 0 || p.maximum != 0 || p.weight != 0) {
                c.processor = p;
            }
        }
        WindowsNetwork net = windows.network;
        if (net != null) {
            c.networking.networkAdapters = net.endpointList == null || net.endpointList.isEmpty() ? null
                    : List.copyOf(net.endpointList);
        }

        ComputeSystem doc = new ComputeSystem();
        doc.owner = owner;
        doc.schemaVersion = version21();
        doc.shouldTerminateOnLastHandleClosed = true;
        doc.container = c;
        return doc;
    }

    /**
     * The schema2 HostedSystem document of a Windows container inside a Windows utility VM, as hcsshim's
     * createWindowsContainerDocument builds it for a hosting system: the layers and root are guest paths; the
     * processor is always set (count clamped to the VM's {@code vmProcessors}); endpoints are the VM's business,
     * not the document's; and the guest's WaitToKillServiceTimeout is raised so that graceful stops wait for the
     * container. Mounts would have to be VSMB shares first and are refused.
     */
    public static HostedSystem hosted(Spec spec, Layers layers, int vmProcessors) {
        if (spec.windows == null) {
            throw new IllegalArgumentException("config.json has no windows section (not a Windows container spec)");
        }
        if (spec.mounts != null && !spec.mounts.isEmpty()) {
            throw new IllegalArgumentException("mounts into a Hyper-V isolated Windows container are not supported");
        }
        Container c = container(spec, spec.windows, layers);
        WindowsResources r = spec.windows.resources;
        c.processor = processor(r == null || r.cpu == null ? new WindowsCPUResources() : r.cpu, vmProcessors);
        RegistryValue waitToKill = new RegistryValue();
        waitToKill.key = new RegistryKey();
        waitToKill.key.hive = RegistryHive.SYSTEM;
        waitToKill.key.name = "ControlSet001\\Control";
        waitToKill.name = "WaitToKillServiceTimeout";
        waitToKill.stringValue = Integer.toString(Integer.MAX_VALUE);
        waitToKill.type = RegistryValueType.STRING;
        c.registryChanges = new RegistryChanges();
        c.registryChanges.addValues = new ArrayList<>(List.of(waitToKill));
        HostedSystem doc = new HostedSystem();
        doc.schemaVersion = version21();
        doc.container = c;
        return doc;
    }

    /** What the process-isolated and hosted documents share: storage, host name, memory, storage QoS, DNS. */
    private static Container container(Spec spec, Windows windows, Layers layers) {
        Container c = new Container();
        c.storage = new Storage();
        c.storage.layers = layers.parents();
        c.storage.path = layers.rootPath();
        if (spec.hostname != null && !spec.hostname.isEmpty()) {
            c.guestOs = new GuestOs();
            c.guestOs.hostName = spec.hostname;
        }
        WindowsResources r = windows.resources;
        if (r != null && r.memory != null && r.memory.limit != null && r.memory.limit > 0) {
            c.memory = new Memory();
            c.memory.sizeInMb = megabytes(r.memory.limit);
        }
        if (r != null && r.storage != null && (positive(r.storage.iops) || positive(r.storage.bps))) {
            c.storage.qoS = new StorageQoS();
            c.storage.qoS.iopsMaximum = positive(r.storage.iops) ? Math.toIntExact(r.storage.iops) : 0;
            c.storage.qoS.bandwidthMaximum = positive(r.storage.bps) ? Math.toIntExact(r.storage.bps) : 0;
        }
        WindowsNetwork net = windows.network;
        if (net != null) {
            Networking n = new Networking();
            n.allowUnqualifiedDnsQuery = net.allowUnqualifiedDnsQuery;
            n.dnsSearchList = joinOrNull(net.dnsSearchList);
            n.networkSharedContainerName = net.networkSharedContainerName;
            n.namespace = net.networkNamespace;
            c.networking = n;
        }
        return c;
    }

    private static Processor processor(WindowsCPUResources cpu, int maxCount) {
        Processor p = new Processor();
        p.count = cpu.count == null ? 0 : (int) Math.min(cpu.count, maxCount);
        p.maximum = cpu.maximum == null ? 0 : cpu.maximum;
        p.weight = cpu.shares == null ? 0 : cpu.shares;
        return p;
    }

    private static Version version21() {
        Version v = new Version();
        v.major = 2;
        v.minor = 1;
        return v;
    }

    /** The schema1 document for the same container. */
    public static ContainerConfig v1(String id, String owner, Spec spec, Layers layers) {
        Windows windows = windowsOf(spec);
        ContainerConfig c = new ContainerConfig();
        c.systemType = "Container";
        c.name = id;
        c.owner = owner;
        c.volumePath = layers.rootPath();
        c.layerFolderPath = layers.scratchFolder();
        c.layers = new ArrayList<>();
        for (Layer l : layers.parents()) {
            io.hcs4j.schema.v1.Layer v1 = new io.hcs4j.schema.v1.Layer();
            v1.id = l.id;
            v1.path = l.path;
            c.layers.add(v1);
        }
        c.hostName = spec.hostname;
        c.ignoreFlushesDuringBoot = windows.ignoreFlushesDuringBoot;
        c.servicing = windows.servicing;
        c.terminateOnLastHandleClosed = true;

        for (Mount m : mountsOf(spec)) {
            if (isPipe(m)) {
                io.hcs4j.schema.v1.MappedPipe p = new io.hcs4j.schema.v1.MappedPipe();
                p.containerPipeName = pipeName(m.destination);
                p.hostPath = m.source;
                c.mappedPipes = add(c.mappedPipes, p);
            } else {
                MappedDir d = new MappedDir();
                d.hostPath = m.source;
                d.containerPath = m.destination;
                d.readOnly = isReadOnly(m);
                c.mappedDirectories = add(c.mappedDirectories, d);
            }
        }

        WindowsResources r = windows.resources;
        if (r != null && r.cpu != null) {
            c.processorCount = r.cpu.count == null ? 0 : r.cpu.count;
            c.processorMaximum = r.cpu.maximum == null ? 0 : r.cpu.maximum;
            c.processorWeight = r.cpu.shares == null ? 0 : r.cpu.shares;
        }
        if (r != null && r.memory != null && r.memory.limit != null && r.memory.limit > 0) {
            c.memoryMaximumInMb = megabytes(r.memory.limit);
        }
        if (r != null && r.storage != null) {
            c.storageIopsMaximum = positive(r.storage.iops) ? r.storage.iops : 0;
            c.storageBandwidthMaximum = positive(r.storage.bps) ? r.storage.bps : 0;
            c.storageSandboxSize = positive(r.storage.sandboxSize) ? r.storage.sandboxSize : 0;
        }

        WindowsNetwork net = windows.network;
        if (net != null) {
            c.endpointList = net.endpointList == null || net.endpointList.isEmpty() ? null
                    : List.copyOf(net.endpointList);
            c.allowUnqualifiedDnsQuery = net.allowUnqualifiedDnsQuery;
            c.dnsSearchList = joinOrNull(net.dnsSearchList);
            c.networkSharedContainerName = net.networkSharedContainerName;
        }
        return c;
    }

    /** The spec's windows section; a process-isolated Windows container cannot be built without one. */
    static Windows windowsOf(Spec spec) {
        if (spec.windows == null) {
            throw new IllegalArgumentException("config.json has no windows section (not a Windows container spec)");
        }
        if (spec.windows.hyperV != null) {
            throw new IllegalArgumentException(
                    "windows.hyperV asks for Hyper-V isolation; only process-isolated containers are supported here");
        }
        return spec.windows;
    }

    private static List<Mount> mountsOf(Spec spec) {
        List<Mount> out = new ArrayList<>();
        if (spec.mounts == null) {
            return out;
        }
        for (Mount m : spec.mounts) {
            String type = m.type == null ? "" : m.type;
            if (!type.isEmpty() && !type.equals("bind")) {
                throw new IllegalArgumentException("mount " + m.destination + ": type '" + type
                        + "' is not supported for process-isolated containers (use a bind mount)");
            }
            if (m.source == null || m.source.isEmpty() || m.destination == null || m.destination.isEmpty()) {
                throw new IllegalArgumentException("mount needs both source and destination: "
                        + m.source + " -> " + m.destination);
            }
            out.add(m);
        }
        return out;
    }

    private static boolean isPipe(Mount m) {
        return m.source.startsWith(PIPE_PREFIX);
    }

    /** The pipe's name inside the container: the destination without the \\.\pipe\ prefix. */
    private static String pipeName(String destination) {
        return destination.startsWith(PIPE_PREFIX) ? destination.substring(PIPE_PREFIX.length()) : destination;
    }

    private static boolean isReadOnly(Mount m) {
        return m.options != null && m.options.contains("ro");
    }

    private static long megabytes(long bytes) {
        return (bytes + MIB - 1) / MIB;
    }

    private static boolean positive(Long v) {
        return v != null && v > 0;
    }

    private static String joinOrNull(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    private static <T> List<T> add(List<T> list, T item) {
        List<T> out = list == null ? new ArrayList<>() : list;
        out.add(item);
        return out;
    }
}
