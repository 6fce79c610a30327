package io.hcs4j.shim.runtime.lcow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.cow.Container;
import io.hcs4j.cow.Process;
import io.hcs4j.ext4.VhdFooter;
import io.hcs4j.platform.posix.Posix;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.guest.GuestProcessParameters;
import io.hcs4j.shim.runtime.ContainerSpec;
import io.hcs4j.shim.runtime.PodVms;
import io.hcs4j.shim.runtime.SpecException;
import io.hcs4j.shim.runtime.VmRecord;
import io.hcs4j.uvm.backend.HostBackend;
import io.hcs4j.uvm.transport.HvSocketDirs;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Containers whose rootfs comes as containerd on Windows hands it over (lcow-layer mounts, layer folders): VHD
 * layers made with mkfs.ext4 plus a fixed-VHD footer, a raw ext4 scratch, on the emulator, whose guest
 * loop-mounts them (root only). Each test checks that closing leaves no loop device, mount or device entry.
 */
@Timeout(120)
class VhdLayersTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path work;
    private LcowBackend backend;
    private final List<Container> containers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        assumeTrue(Posix.isRoot(), "the emulated guest loop-mounts disk images as root");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/mkfs.ext4")) || Files.isExecutable(Path.of("/sbin/mkfs.ext4")),
                "e2fsprogs makes the test images");
        backend = new LcowBackend(HostBackend.select(), TIMEOUT, TIMEOUT);
    }

    @AfterEach
    void tearDown() throws IOException {
        for (Container c : containers) {
            c.close();
        }
    }

    // ---- fixtures

    /** {@code dir/layer.vhd}: an ext4 image of {@code content} with a fixed-VHD footer, as tar2ext4 -vhd makes. */
    static Path layer(Path dir, Path content) throws Exception {
        Files.createDirectories(dir);
        Path vhd = dir.resolve("layer.vhd");
        run("mkfs.ext4", "-q", "-F", "-d", content.toString(), vhd.toString(), "16M");
        VhdFooter.append(vhd);
        return dir;
    }

    /** {@code dir/sandbox.vhdx}: an empty ext4 disk image, as create-scratch makes on the emulator. */
    static Path scratch(Path dir) throws Exception {
        Files.createDirectories(dir);
        run("mkfs.ext4", "-q", "-F", dir.resolve("sandbox.vhdx").toString(), "32M");
        return dir;
    }

    static String run(String... command) throws Exception {
        java.lang.Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }

    private Path bundle(String id, String... args) throws IOException {
        Path bundle = Files.createDirectories(work.resolve("bundles").resolve(id));
        ObjectNode spec = Json.mapper().createObjectNode().put("ociVersion", "1.1.0");
        ObjectNode process = spec.putObject("process").put("cwd", "/");
        List.of(args).forEach(process.putArray("args")::add);
        process.putArray("env").add("PATH=/bin");
        spec.putObject("root").put("path", "rootfs");
        spec.putObject("linux");
        Files.writeString(bundle.resolve("config.json"), Json.write(spec));
        return bundle;
    }

    private static ContainerSpec.Layer lcowLayer(Path source, String mode, Path... parents) {
        StringBuilder json = new StringBuilder("[");
        for (Path p : parents) {
            json.append(json.length() > 1 ? "," : "").append('"').append(p).append('"');
        }
        return new ContainerSpec.Layer("lcow-layer", source.toString(), List.of(mode, "parentLayerPaths=" + json + "]"));
    }

    private Container create(String id, Path bundle, ContainerSpec.Layer mount, Map<String, String> annotations)
            throws IOException {
        Container c = backend.create(new ContainerSpec(id, bundle, List.of(mount), bundle.resolve("rootfs"), false,
                annotations));
        containers.add(c);
        return c;
    }

    private static String runInit(Container c) throws Exception {
        c.start();
        GuestProcessParameters p = new GuestProcessParameters();
        p.createStdOutPipe = true;
        p.createStdErrPipe = true;
        Process init = c.createProcess(p);
        String out = new String(init.stdout().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(init.stderr().readAllBytes(), StandardCharsets.UTF_8);
        int code = init.exit().get(30, TimeUnit.SECONDS);
        init.close();
        return out + err + "exit " + code;
    }

    /** Two layers: busybox at the bottom, a file on top. */
    private Path[] busyboxLayers() throws Exception {
        Path base = LcowBackendTest.busyboxRootfs(work.resolve("content/base"));
        Path top = Files.createDirectories(work.resolve("content/top/etc"));
        Files.writeString(top.resolve("msg"), "from the top layer\n");
        return new Path[] {layer(work.resolve("snapshots/2"), work.resolve("content/top")),
            layer(work.resolve("snapshots/1"), base)};
    }

    private static String vmId(String owner) {
        return owner + "@vm";
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** No loop device on the test's files, no mount of them, no device directory of the VM. */
    private void assertNothingAttached(String vmId) throws IOException {
        String loops = "";
        try {
            loops = run("losetup", "-a");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertFalse(loops.contains(work.toString()), "loop devices left: " + loops);
        try (Stream<String> mounts = Files.lines(Path.of("/proc/self/mountinfo"))) {
            assertEquals(List.of(), mounts.filter(l -> l.contains(work.toString())).toList());
        }
        assertFalse(Files.exists(HvSocketDirs.forVm(vmId), LinkOption.NOFOLLOW_LINKS), "VM directory left");
    }

    // ---- tests

    @Test
    void aContainerRunsOnVhdLayersItsWritesLandInTheScratchAndSurviveARestart() throws Exception {
        Path[] layers = busyboxLayers();
        Path snapshot = scratch(work.resolve("snapshots/3"));
        String id = id("vhd");
        Path bundle = bundle(id, "sh", "-c", "cat /etc/msg; [ -f /data ] && cat /data; echo kept >> /data; "
                + "echo x > /bin/new && echo wrote-layer-dir");
        Container c = create(id, bundle, lcowLayer(snapshot, "rw", layers), Map.of());
        assertEquals("from the top layer\nwrote-layer-dir\nexit 0", runInit(c));
        c.close();
        containers.remove(c);
        assertNothingAttached(vmId(id));
        String onDisk = run("debugfs", "-R", "cat /scratch/" + id + "/upper/data", snapshot.resolve("sandbox.vhdx").toString());
        assertTrue(onDisk.contains("kept"), "the write is in the scratch disk: " + onDisk);
        // Both file systems were unmounted cleanly (fsck exits 0); the layers were mounted read-only.
        run("fsck.ext4", "-n", "-f", snapshot.resolve("sandbox.vhdx").toString());
        run("fsck.ext4", "-n", "-f", layersImage(layers[0]).toString());

        // The same container again, from the same scratch: it sees what it wrote.
        Container again = create(id, bundle, lcowLayer(snapshot, "rw", layers), Map.of());
        assertEquals("from the top layer\nkept\nwrote-layer-dir\nexit 0", runInit(again));
        again.close();
        containers.remove(again);
        assertNothingAttached(vmId(id));
    }

    /** The ext4 of a layer.vhd, without its footer, for fsck. */
    private Path layersImage(Path layerDir) throws IOException {
        Path vhd = layerDir.resolve("layer.vhd");
        Path raw = work.resolve("fsck-" + layerDir.getFileName() + ".img");
        Files.copy(vhd, raw);
        try (RandomAccessFile f = new RandomAccessFile(raw.toFile(), "rw")) {
            f.setLength(f.length() - VhdFooter.SIZE);
        }
        return raw;
    }

    @Test
    void layerFoldersInTheSpecWorkLikeAnLcowLayerMount() throws Exception {
        Path[] layers = busyboxLayers();
        Path snapshot = scratch(work.resolve("snapshots/3"));
        String id = id("folders");
        Path bundle = bundle(id, "cat", "/etc/msg");
        ObjectNode spec = (ObjectNode) Json.mapper().readTree(bundle.resolve("config.json").toFile());
        spec.putObject("windows").putArray("layerFolders").add(layers[0].toString()).add(layers[1].toString())
                .add(snapshot.toString());
        Files.writeString(bundle.resolve("config.json"), Json.write(spec));
        Container c = backend.create(new ContainerSpec(id, bundle, List.of(), bundle.resolve("rootfs"), false, Map.of()));
        containers.add(c);
        assertEquals("from the top layer\nexit 0", runInit(c));
        c.close();
        containers.remove(c);
        assertNothingAttached(vmId(id));
    }

    @Test
    void aPodsContainersShareOneAttachmentPerLayer() throws Exception {
        Path[] layers = busyboxLayers();
        String pod = id("pod");
        Path sandboxBundle = bundle(pod, "sleep", "1000");
        Container sandbox = create(pod, sandboxBundle, lcowLayer(scratch(work.resolve("snapshots/s")), "rw", layers),
                Map.of(PodVms.CONTAINER_TYPE, "sandbox"));
        String app = id("app");
        Path appBundle = bundle(app, "cat", "/etc/msg");
        Container container = create(app, appBundle, lcowLayer(scratch(work.resolve("snapshots/a")), "rw", layers),
                Map.of(PodVms.CONTAINER_TYPE, "container", PodVms.SANDBOX_ID, pod));
        Path devices = HvSocketDirs.forVm(vmId(pod)).resolve("devices");
        try (Stream<Path> vpmem = Files.list(devices.resolve("vpmem")); Stream<Path> scsi = Files.list(devices.resolve("scsi"))) {
            assertEquals(2, vpmem.count(), "one vPMem device per layer for both containers");
            assertEquals(2, scsi.count(), "one scratch disk per container");
        }
        assertEquals("from the top layer\nexit 0", runInit(container));
        container.close();
        containers.remove(container);
        try (Stream<Path> vpmem = Files.list(devices.resolve("vpmem"))) {
            assertEquals(2, vpmem.count(), "the sandbox still uses the layers");
        }
        sandbox.close();
        containers.remove(sandbox);
        assertNothingAttached(vmId(pod));
    }

    @Test
    void badVhdRootfsIsRefusedWithThePathAndNothingIsAttached() throws Exception {
        Path[] layers = busyboxLayers();
        Path snapshot = scratch(work.resolve("snapshots/3"));
        String id = id("bad");
        Path bundle = bundle(id, "true");

        SpecException missing = assertThrows(SpecException.class, () -> create(id, bundle,
                lcowLayer(snapshot, "rw", layers[0], work.resolve("snapshots/none")), Map.of()));
        assertEquals(SpecException.Kind.FAILED_PRECONDITION, missing.kind());
        assertTrue(missing.getMessage().contains(work.resolve("snapshots/none/layer.vhd").toString()), missing.getMessage());

        Path corrupt = layer(work.resolve("snapshots/corrupt"), work.resolve("content/top"));
        try (RandomAccessFile f = new RandomAccessFile(corrupt.resolve("layer.vhd").toFile(), "rw")) {
            f.seek(f.length() - VhdFooter.SIZE + 70);
            f.write(0x5A);
        }
        SpecException badFooter = assertThrows(SpecException.class, () -> create(id, bundle,
                lcowLayer(snapshot, "rw", corrupt, layers[1]), Map.of()));
        assertEquals(SpecException.Kind.FAILED_PRECONDITION, badFooter.kind());
        assertTrue(badFooter.getMessage().contains(corrupt.resolve("layer.vhd").toString()), badFooter.getMessage());

        SpecException notJson = assertThrows(SpecException.class, () -> create(id, bundle,
                new ContainerSpec.Layer("lcow-layer", snapshot.toString(), List.of("rw", "parentLayerPaths=[C:\\x")),
                Map.of()));
        assertEquals(SpecException.Kind.INVALID_ARGUMENT, notJson.kind());
        assertTrue(notJson.getMessage().contains("parentLayerPaths is not JSON: [C:\\x"), notJson.getMessage());

        SpecException unknown = assertThrows(SpecException.class, () -> create(id, bundle,
                new ContainerSpec.Layer("windows-layer", snapshot.toString(), List.of("rw")), Map.of()));
        assertEquals(SpecException.Kind.INVALID_ARGUMENT, unknown.kind());
        assertTrue(unknown.getMessage().contains("windows-layer"), unknown.getMessage());

        Path small = scratch(work.resolve("snapshots/small"));
        try (RandomAccessFile f = new RandomAccessFile(small.resolve("sandbox.vhdx").toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        SpecException wrongSize = assertThrows(SpecException.class, () -> create(id, bundle,
                lcowLayer(small, "rw", layers), Map.of()));
        assertEquals(SpecException.Kind.FAILED_PRECONDITION, wrongSize.kind());
        assertTrue(wrongSize.getMessage().contains(small.resolve("sandbox.vhdx") + " has the wrong size"),
                wrongSize.getMessage());

        SpecException noScratch = assertThrows(SpecException.class, () -> create(id, bundle,
                lcowLayer(work.resolve("snapshots/empty"), "rw", layers), Map.of()));
        assertTrue(noScratch.getMessage().contains(work.resolve("snapshots/empty/sandbox.vhdx").toString()),
                noScratch.getMessage());

        assertNothingAttached(vmId(id));
        assertFalse(Files.exists(bundle.resolve(VmRecord.FILE)), "no VM was booted");
    }

    @Test
    void aLayerThatFailsToAttachUndoesTheOnesBeforeIt() throws Exception {
        Path[] layers = busyboxLayers();
        // A fixed VHD whose data is no ext4: it passes the host's checks, and the guest cannot mount it.
        Path broken = Files.createDirectories(work.resolve("snapshots/broken"));
        Files.write(broken.resolve("layer.vhd"), new byte[64 * 1024]);
        VhdFooter.append(broken.resolve("layer.vhd"));
        Path snapshot = scratch(work.resolve("snapshots/3"));
        String pod = id("half");
        Path bundle = bundle(pod, "true");
        IOException e = assertThrows(IOException.class, () -> create(pod, bundle,
                lcowLayer(snapshot, "rw", layers[0], broken, layers[1]), Map.of(PodVms.CONTAINER_TYPE, "sandbox")));
        assertTrue(e.getMessage().contains(broken.resolve("layer.vhd").toString()), e.getMessage());
        assertNothingAttached(vmId(pod));
    }

    @Test
    void theGuestIsAskedInHcsshimsOrderAndEverythingIsUndoneInReverse() throws Exception {
        LcowBackendTest.RecordedBridge bridge = new LcowBackendTest.RecordedBridge();
        backend = new LcowBackend(bridge.around(HostBackend.select()), TIMEOUT, TIMEOUT);
        Path[] layers = busyboxLayers();
        Path snapshot = scratch(work.resolve("snapshots/3"));
        String id = id("order");
        Path bundle = bundle(id, "true");
        Container c = create(id, bundle, lcowLayer(snapshot, "rw", layers), Map.of());
        assertEquals("exit 0", runInit(c));
        c.close();
        containers.remove(c);
        String vm = bundle.resolve("vm").toString();
        String dir = bundle.resolve("lcow").toString();
        List<String> steps = new ArrayList<>();
        for (io.hcs4j.uvm.bridge.codec.Frame f : bridge.requests()) {
            com.fasterxml.jackson.databind.JsonNode body = Json.mapper().readTree(f.body());
            com.fasterxml.jackson.databind.JsonNode request = body.path("Request");
            String type = request.path("ResourceType").asText();
            if (type.equals("VPMemDevice") || type.equals("MappedVirtualDisk") || type.equals("SCSIDevice")
                    || type.equals("CombinedLayers")) {
                com.fasterxml.jackson.databind.JsonNode settings = request.path("Settings");
                String where = settings.has("ContainerRootPath") ? settings.path("ContainerRootPath").asText()
                        : settings.has("MountPath") ? settings.path("MountPath").asText()
                        : settings.path("Controller").asInt() + "-" + settings.path("Lun").asInt();
                steps.add(request.path("RequestType").asText() + " " + type + " " + where);
            } else if (io.hcs4j.schema.guest.MsgType.proc(f.type()) == io.hcs4j.schema.guest.RPCProc.RPC_DELETE_CONTAINER_STATE) {
                steps.add("DeleteContainerState");
            }
        }
        assertEquals(List.of(
                "Add VPMemDevice " + vm + "/run/layers/p0",
                "Add VPMemDevice " + vm + "/run/layers/p1",
                "Add MappedVirtualDisk " + dir,
                "Add CombinedLayers " + dir + "/rootfs",
                "Remove CombinedLayers " + dir + "/rootfs",
                "Remove MappedVirtualDisk " + dir,
                "Remove SCSIDevice 0-0",
                "Remove VPMemDevice " + vm + "/run/layers/p1",
                "Remove VPMemDevice " + vm + "/run/layers/p0",
                "DeleteContainerState"), steps);
        // The recording transport hides the VM's socket directory from the VM, which so leaves it (empty).
        Files.deleteIfExists(HvSocketDirs.forVm(vmId(id)));
        assertNothingAttached(vmId(id));
    }
}
