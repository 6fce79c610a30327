package io.hcs4j.shim.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.grpc.Status.Code;
import io.hcs4j.shim.api.runhcs.Statistics;
import io.hcs4j.shim.api.runhcs.VirtualMachineStatistics;
import io.hcs4j.shim.api.runhcs.Options;
import io.hcs4j.shim.api.task.CreateTaskRequest;
import io.hcs4j.shim.api.task.UpdateTaskRequest;
import io.hcs4j.shim.runtime.wcow.WcowHypervisorBackend;
import io.hcs4j.shim.runtime.wcow.WcowProcessBackend;
import io.hcs4j.uvm.backend.HostBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task.Update and Stats of Windows tasks on the HCS emulator, as hcsshim routes them: a Hyper-V isolated task owns
 * its utility VM, so its update resizes the VM (either OCI resources type) and its statistics carry the container's
 * HCS Statistics from the guest and the VM's; a process-isolated task refuses LinuxResources with hcsshim's error.
 */
@Timeout(120)
class WindowsTaskUpdateTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long MIB = 1 << 20;

    @TempDir
    Path work;
    private final HostBackend host = HostBackend.select();
    private final Tasks tasks = new Tasks(new Backends(null, "no Linux here", new WcowProcessBackend(() -> host),
            new WcowHypervisorBackend(() -> host, TIMEOUT, TIMEOUT)), new RecordingPublisher(), "test",
            Options.getDefaultInstance(), WireTypes.RUNHCS);

    @AfterEach
    void cleanup() {
        tasks.closeAll();
    }

    /** A task running a busy shell on an image with a utility VM image in its base layer. */
    private void start(String id, boolean hyperV) throws IOException {
        Path layers = Files.createDirectories(work.resolve(id).resolve("layers"));
        Files.createDirectories(layers.resolve("app"));
        Files.createDirectories(layers.resolve("base/UtilityVM/Files"));
        Files.writeString(layers.resolve("base/UtilityVM/SystemTemplate.vhdx"), "");
        Files.createDirectories(layers.resolve("scratch"));
        Path bundle = Files.createDirectories(work.resolve(id).resolve("bundle"));
        Files.writeString(bundle.resolve("config.json"), """
                {"ociVersion":"1.1.0","process":{"args":["sh","-c","while :; do :; done"]},"root":{"path":""},
                 "windows":{%s"layerFolders":["%s","%s","%s"]}}
                """.formatted(hyperV ? "\"hyperv\":{}," : "", layers.resolve("app"), layers.resolve("base"),
                layers.resolve("scratch")));
        tasks.create(CreateTaskRequest.newBuilder().setId(id).setBundle(bundle.toString()).build());
        tasks.start(id, "");
    }

    private static UpdateTaskRequest update(String id, String typeUrl, String json) {
        return UpdateTaskRequest.newBuilder().setId(id)
                .setResources(Any.newBuilder().setTypeUrl(typeUrl).setValue(ByteString.copyFromUtf8(json))).build();
    }

    private Statistics stats(String id) throws Exception {
        return Statistics.parseFrom(tasks.stats(id).getStats().getValue());
    }

    private static long availableMb(Statistics s) {
        return s.getVm().getMemory().getVmMemory().getAvailableMemory();
    }

    @Test
    void aHyperVTaskUpdatesItsVmAndReportsTheContainersAndTheVmsStatistics() throws Exception {
        String id = "hv-" + UUID.randomUUID().toString().substring(0, 8);
        start(id, true);
        Thread.sleep(500);
        Statistics before = stats(id);
        assertTrue(before.getWindows().getProcessor().getTotalRuntimeNs() > 0,
                "the container's CPU time comes from the guest's HCS Statistics: " + before.getWindows());
        assertTrue(before.getWindows().getMemory().getMemoryUsagePrivateWorkingSetBytes() > 0);
        VirtualMachineStatistics vm = before.getVm();
        assertTrue(availableMb(before) > 512 && availableMb(before) <= 1024, "of the default 1024 MB: " + vm);

        tasks.update(update(id, Task.WINDOWS_RESOURCES_URL, "{\"memory\":{\"limit\":" + 512 * MIB + "},\"cpu\":{\"maximum\":5000}}"));
        long after = availableMb(stats(id));
        assertTrue(after > 256 && after <= 512, "the VM's statistics show its new 512 MB: " + after);
        // hcsshim's UtilityVM.Update takes LinuxResources too for the VM a task owns, whatever its OS.
        tasks.update(update(id, Task.LINUX_RESOURCES_URL, "{\"memory\":{\"limit\":" + 768 * MIB + "}}"));
        assertTrue(availableMb(stats(id)) > 512, "768 MB now");

        io.grpc.Status refused = GrpcErrors.toStatus(assertThrows(Exception.class,
                () -> tasks.update(update(id, Task.LINUX_RESOURCES_URL, "{\"cpu\":{\"quota\":200000}}"))));
        assertEquals(Code.INVALID_ARGUMENT, refused.getCode(), "HCS refuses a limit over 100000: " + refused);
        assertTrue(availableMb(stats(id)) > 512, "a refused update leaves the VM as it was");
    }

    @Test
    void aProcessIsolatedTaskRefusesLinuxResourcesWithHcsshimsError() throws Exception {
        String id = "p-" + UUID.randomUUID().toString().substring(0, 8);
        start(id, false);
        io.grpc.Status refused = GrpcErrors.toStatus(assertThrows(Exception.class,
                () -> tasks.update(update(id, Task.LINUX_RESOURCES_URL, "{\"memory\":{\"limit\":" + 64 * MIB + "}}"))));
        assertEquals(Code.UNKNOWN, refused.getCode());
        assertEquals("update resources must be of type *WindowsResources or *LinuxResources", refused.getDescription());
        tasks.update(update(id, Task.WINDOWS_RESOURCES_URL, "{\"memory\":{\"limit\":" + 64 * MIB + "}}"));
    }
}
