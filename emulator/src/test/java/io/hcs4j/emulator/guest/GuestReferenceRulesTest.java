package io.hcs4j.emulator.guest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.cow.SignalOptions;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.platform.posix.Posix;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.guest.ContainerModifySettings;
import io.hcs4j.schema.guest.ContainerUpdate;
import io.hcs4j.schema.guest.ModificationRequest;
import io.hcs4j.schema.guest.RPCProc;
import io.hcs4j.schema.guest.RequestType;
import io.hcs4j.schema.guest.ResourceType;
import io.hcs4j.schema.guest.ResponseBase;
import io.hcs4j.schema.oci.Box;
import io.hcs4j.schema.oci.LinuxResources;
import io.hcs4j.uvm.bridge.GcsBridge;
import io.hcs4j.uvm.bridge.GcsException;
import io.hcs4j.uvm.guest.GuestContainer;
import io.hcs4j.uvm.guest.GuestProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The emulated guest holds the host to the reference Linux GCS's rules (shared/docs/FACTS.md): resources are
 * updated through ModifySettings ContainerConstraints (UpdateContainer is not supported), every container needs
 * a network namespace the VM knows, the terminal's size comes from the OCI process, an exec of a missing program
 * is refused, and a container's init is PID 1 of its own PID namespace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class GuestReferenceRulesTest {
    private static final String SANDBOX = "{\"io.kubernetes.cri.container-type\":\"sandbox\"}";

    EmulatedVm vm;

    @BeforeAll
    void boot(@TempDir Path work) throws Exception {
        vm = new EmulatedVm(work);
    }

    @AfterAll
    void shutdown() throws Exception {
        if (vm != null) {
            vm.close();
        }
    }

    /** SIGKILL ends the init (137), the container exits, its layers and then its state go (the reference's order). */
    private void stop(GuestContainer c, GuestProcess init) throws Exception {
        assertTrue(init.kill());
        assertEquals(137, EmulatedVm.run(init).exitCode());
        c.exit().get(10, TimeUnit.SECONDS);
        vm.removeLayers(c.id());
        c.deleteState();
    }

    @Test
    void updateContainerIsNotSupportedAndModifySettingsOnlyTakesConstraints() throws Exception {
        GuestContainer c = vm.createContainer("c-rpc", "sleep", "600");
        GuestProcess init = c.createProcess(EmulatedVm.init());
        ContainerUpdate update = GcsBridge.request(new ContainerUpdate(), "c-rpc");
        update.resources = Json.mapper().createObjectNode();
        GcsException refused = assertThrows(GcsException.class,
                () -> vm.connection.call(RPCProc.RPC_UPDATE_CONTAINER, update, ResponseBase.class));
        assertEquals(HResults.E_NOTIMPL, refused.result());
        assertTrue(refused.getMessage().contains("bridge: function not supported"), refused.getMessage());

        ModificationRequest layers = new ModificationRequest();
        layers.resourceType = ResourceType.COMBINED_LAYERS;
        layers.requestType = RequestType.ADD;
        GcsException notForContainers = assertThrows(GcsException.class, () -> modify("c-rpc", layers));
        assertEquals(HResults.E_FAIL, notForContainers.result());
        assertTrue(notForContainers.getMessage().contains("the ResourceType \"CombinedLayers\" is not supported for "
                + "containers"), notForContainers.getMessage());
        ModificationRequest add = new ModificationRequest();
        add.resourceType = ResourceType.CONTAINER_CONSTRAINTS;
        add.requestType = RequestType.ADD;
        assertEquals(HResults.E_FAIL, assertThrows(GcsException.class, () -> modify("c-rpc", add)).result());
        add.requestType = RequestType.UPDATE;
        assertEquals(HResults.V1_SYSTEM_NOT_FOUND,
                assertThrows(GcsException.class, () -> modify("no-such-container", add)).result());
        stop(c, init);
    }

    private void modify(String container, ModificationRequest request) throws Exception {
        ContainerModifySettings body = GcsBridge.request(new ContainerModifySettings(), container);
        body.request = request;
        vm.connection.call(RPCProc.RPC_MODIFY_SETTINGS, body, ResponseBase.class);
    }

    @Test
    void theHostsResourceUpdateIsContainerConstraintsOnTheContainer() throws Exception {
        GuestContainer c = vm.createContainer("c-constraints", "sleep", "600");
        GuestProcess init = c.createProcess(EmulatedVm.init());
        // Without cgroups (not root) the guest says why it cannot apply limits; with them it applies them
        // (GuestCgroupTest checks the values). Either way the request reached the ContainerConstraints path.
        try {
            c.modify(new LinuxResources());
        } catch (GcsException e) {
            assertEquals(HResults.E_NOTIMPL, e.result());
            assertTrue(e.getMessage().contains("cgroups"), e.getMessage());
        }
        stop(c, init);
    }

    @Test
    void aSecondContainerWithoutANamespaceIsRefused() throws Exception {
        GuestContainer first = vm.createFromSpec("c-nons-1", vm.spec("c-nons-1", null, null, "sleep", "600"));
        GuestProcess init = first.createProcess(EmulatedVm.init());
        GcsException e = assertThrows(GcsException.class,
                () -> vm.createFromSpec("c-nons-2", vm.spec("c-nons-2", null, null, "true")));
        assertEquals(HResults.E_FAIL, e.result());
        assertTrue(e.getMessage().contains("previously assigned container pid " + init.pid()
                + " to network namespace \"\""), e.getMessage());
        vm.removeLayers("c-nons-2");
        // Once the first is deleted, the namespace is free again.
        stop(first, init);
        GuestContainer again = vm.createFromSpec("c-nons-3", vm.spec("c-nons-3", null, null, "true"));
        assertEquals(0, EmulatedVm.run(again.createProcess(EmulatedVm.init())).exitCode());
        again.exit().get(10, TimeUnit.SECONDS);
        vm.removeLayers("c-nons-3");
        again.deleteState();
    }

    @Test
    void aPodSandboxNeedsANamespaceTheVmKnowsAndItsContainersShareIt() throws Exception {
        ObjectNode unknown = vm.spec("c-sandbox", null, "ns-never-added", "sleep", "600");
        unknown.set("annotations", Json.tree(SANDBOX));
        GcsException e = assertThrows(GcsException.class, () -> vm.createFromSpec("c-sandbox", unknown));
        assertEquals(HResults.E_ELEMENT_NOT_FOUND, e.result());
        assertTrue(e.getMessage().contains("namespace 'ns-never-added' not found"), e.getMessage());
        vm.removeLayers("c-sandbox");
        ObjectNode none = vm.spec("c-sandbox", null, null, "sleep", "600");
        none.set("annotations", Json.tree(SANDBOX));
        e = assertThrows(GcsException.class, () -> vm.createFromSpec("c-sandbox", none));
        assertEquals(HResults.E_ELEMENT_NOT_FOUND, e.result());
        assertTrue(e.getMessage().contains("namespace '' not found"), e.getMessage());
        vm.removeLayers("c-sandbox");

        // Ids compare case-insensitively, as in the reference.
        vm.addNetworkNamespace("NS-POD");
        ObjectNode sandboxSpec = vm.spec("c-sandbox", null, "ns-pod", "sleep", "600");
        sandboxSpec.set("annotations", Json.tree(SANDBOX));
        GuestContainer sandbox = vm.createFromSpec("c-sandbox", sandboxSpec);
        GuestProcess sandboxInit = sandbox.createProcess(EmulatedVm.init());
        ObjectNode appSpec = vm.spec("c-pod-app", null, "ns-pod", "sleep", "600");
        appSpec.set("annotations", Json.tree("{\"io.kubernetes.cri.container-type\":\"container\","
                + "\"io.kubernetes.cri.sandbox-id\":\"c-sandbox\"}"));
        GuestContainer app = vm.createFromSpec("c-pod-app", appSpec);
        GuestProcess appInit = app.createProcess(EmulatedVm.init());
        // A second sandbox in the same namespace is refused.
        ObjectNode second = vm.spec("c-sandbox-2", null, "ns-pod", "true");
        second.set("annotations", Json.tree(SANDBOX));
        assertTrue(assertThrows(GcsException.class, () -> vm.createFromSpec("c-sandbox-2", second)).getMessage()
                .contains("previously assigned container pid"));
        vm.removeLayers("c-sandbox-2");
        stop(app, appInit);
        stop(sandbox, sandboxInit);
        vm.removeNetworkNamespace("ns-pod");
        // Removing a namespace the guest does not know succeeds, as in the reference.
        vm.removeNetworkNamespace("ns-pod");
    }

    @Test
    void theTerminalSizeComesFromTheOciProcessOnly() throws Exception {
        GuestContainer c = vm.createContainer("c-size", "sleep", "600");
        GuestProcess init = c.createProcess(EmulatedVm.init());
        var onlyParameters = EmulatedVm.exec(true, true, false, "stty", "size");
        onlyParameters.ociProcess.terminal = true;
        onlyParameters.consoleSize = List.of(30, 100);
        // The terminal keeps the kernel's 0 x 0, which busybox stty reports as an error.
        String unsized = EmulatedVm.readAll(c.createProcess(onlyParameters).stdout()).replace("\r", "");
        assertFalse(unsized.contains("30 100"), unsized);
        var inProcess = EmulatedVm.exec(true, true, false, "stty", "size");
        inProcess.ociProcess.terminal = true;
        inProcess.ociProcess.consoleSize = new Box();
        inProcess.ociProcess.consoleSize.height = 30;
        inProcess.ociProcess.consoleSize.width = 100;
        assertEquals("30 100\n", EmulatedVm.readAll(c.createProcess(inProcess).stdout()).replace("\r", ""));
        stop(c, init);
    }

    @Test
    void anExecOfAMissingProgramIsRefusedAndStartsNothing() throws Exception {
        GuestContainer c = vm.createContainer("c-missing", "sleep", "600");
        GuestProcess init = c.createProcess(EmulatedVm.init());
        GcsException e = assertThrows(GcsException.class,
                () -> c.createProcess(EmulatedVm.exec(false, true, true, "no-such-program")));
        assertEquals(HResults.E_FAIL, e.result());
        assertTrue(e.getMessage().contains("exec: \"no-such-program\": executable file not found in $PATH"),
                e.getMessage());
        e = assertThrows(GcsException.class, () -> c.createProcess(EmulatedVm.exec(false, true, true, "/bin/nope")));
        assertTrue(e.getMessage().contains("stat /bin/nope: no such file or directory"), e.getMessage());
        // Applets are symbolic links in the rootfs: they resolve there, not on the host.
        assertEquals(new EmulatedVm.Result("ok\n", "", 0),
                EmulatedVm.run(c.createProcess(EmulatedVm.exec(false, true, true, "/bin/echo", "ok"))));
        assertEquals(1, c.properties(io.hcs4j.schema.v1.PropertyType.PROCESS_LIST).processList.size(),
                "only the init process runs");
        stop(c, init);
    }

    @Test
    void asRootTheInitIsPidOneSoSigtermWithoutAHandlerDoesNothing() throws Exception {
        assumeTrue(Posix.isRoot(), "PID namespaces need root");
        GuestContainer c = vm.createContainer("c-pid1", "sleep", "600");
        GuestProcess init = c.createProcess(EmulatedVm.init());
        assertTrue(init.signal(SignalOptions.linux(15)));
        assertThrows(TimeoutException.class, () -> init.exit().get(1, TimeUnit.SECONDS));
        assertFalse(c.exit().isDone());
        c.shutdown();
        assertThrows(TimeoutException.class, () -> c.exit().get(1, TimeUnit.SECONDS));
        stop(c, init);
    }
}
