package io.hcs4j.emulator.guest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.cow.Process;
import io.hcs4j.cow.SignalOptions;
import io.hcs4j.cow.hcs.ComputeSystemHost;
import io.hcs4j.cow.storage.LayerStorage;
import io.hcs4j.cow.storage.MountedLayers;
import io.hcs4j.emulator.hcs.Emulator;
import io.hcs4j.emulator.storage.EmulatorStorageProvider;
import io.hcs4j.hcs.ComputeSystem;
import io.hcs4j.hcs.HcsException;
import io.hcs4j.hcs.HcsGeneration;
import io.hcs4j.hcs.HcsService;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.platform.Connection;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.guest.ContainerCreate;
import io.hcs4j.schema.guest.ContainerCreateResponse;
import io.hcs4j.schema.guest.ContainerExecuteProcess;
import io.hcs4j.schema.guest.ContainerExecuteProcessResponse;
import io.hcs4j.schema.guest.ContainerGetProperties;
import io.hcs4j.schema.guest.ContainerGetPropertiesResponse;
import io.hcs4j.schema.guest.ContainerModifySettings;
import io.hcs4j.schema.guest.ContainerProperties;
import io.hcs4j.schema.guest.ContainerResizeConsole;
import io.hcs4j.schema.guest.ContainerSignalProcess;
import io.hcs4j.schema.guest.ContainerWaitForProcess;
import io.hcs4j.schema.guest.ContainerWaitForProcessResponse;
import io.hcs4j.schema.guest.DumpStacksResponse;
import io.hcs4j.schema.guest.ExecuteProcessSettings;
import io.hcs4j.schema.guest.GcsCapabilities;
import io.hcs4j.schema.guest.ModificationRequest;
import io.hcs4j.schema.guest.NegotiateProtocolRequest;
import io.hcs4j.schema.guest.NegotiateProtocolResponse;
import io.hcs4j.schema.guest.RPCProc;
import io.hcs4j.schema.guest.RequestBase;
import io.hcs4j.schema.guest.ResponseBase;
import io.hcs4j.schema.guest.SignalProcessOptionsWCOW;
import io.hcs4j.schema.guest.WCOWCombinedLayers;
import io.hcs4j.schema.guest.WCOWMappedVirtualDisk;
import io.hcs4j.schema.v2.HostedSystem;
import io.hcs4j.schema.v2.Layer;
import io.hcs4j.schema.v2.ProcessParameters;
import io.hcs4j.uvm.UtilityVm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The emulated guest of a Windows utility VM: serves the Windows GCS side of the bridge (negotiation as
 * RuntimeOsType Windows, asking the host to create and start the VM) and runs the containers it is asked for as
 * process-isolated containers of an HCS emulator inside the guest, the same {@link Emulator} the host uses and its
 * layer storage. The VM's hardware is its device directory ({@code <vm socket dir>/devices}): a SCSI disk mounted at a
 * guest path ({@code WCOWMappedVirtualDisk}) is the {@code scsi/0-<lun>} entry, a layer path
 * {@code \\?\VMSMB\VSMB-{...}\<name>} the {@code vsmb/<name>} share; CombinedLayers attaches the layer storage to the
 * scratch so that the shared layers become the container's root, as for a process-isolated container. Processes
 * get their stdio relayed to the host's hvsocket ports, console control events and exit codes are the emulator's;
 * WaitForProcess answers once the process has exited and its output is relayed.
 */
final class WindowsGuestAgent implements GuestBridgeServer.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(WindowsGuestAgent.class);
    private static final long INFINITE = 0xFFFFFFFFL;
    private static final String OWNER = "hcs4j-windows-guest";

    private final GuestBridgeServer server;
    private final Path vmDir;
    private final Emulator emulator = new Emulator(null);
    private final HcsService hcs = HcsService.open(emulator.backend(), HcsGeneration.COMPUTECORE);
    private final LayerStorage storage = LayerStorage.of(new EmulatorStorageProvider());
    /** SCSI disks by the guest path they are mounted at, as host paths. */
    private final Map<String, Path> disks = new ConcurrentHashMap<>();
    /** Combined layers by container root (guest path). */
    private final Map<String, MountedLayers> roots = new ConcurrentHashMap<>();
    private final Map<String, GuestContainer> containers = new ConcurrentHashMap<>();
    /** Each container's root (guest path), to end it when its layers are removed. */
    private final Map<String, String> rootsByContainer = new ConcurrentHashMap<>();

    /** A container: its compute system in the guest's emulator and its processes. */
    private record GuestContainer(ComputeSystem system, ComputeSystemHost host, Map<Integer, GuestProcess> processes) {
    }

    /** A process and its exit, released once its output has been relayed to the host. */
    private record GuestProcess(Process process, CompletableFuture<Integer> released) {
    }

    WindowsGuestAgent(Connection bridge, Path vmDir) {
        this.server = new GuestBridgeServer(bridge);
        this.vmDir = vmDir;
    }

    void serve() {
        server.serve(this);
    }

    @Override
    public ResponseBase dispatch(int proc, RequestBase request) throws GuestError, IOException {
        String id = request.containerId;
        boolean vm = GuestRuntime.VM_ID.equals(id);
        switch (proc) {
            case RPCProc.RPC_NEGOTIATE_PROTOCOL -> {
                return negotiate((NegotiateProtocolRequest) request);
            }
            case RPCProc.RPC_CREATE -> {
                if (!vm) {
                    create(id, GuestBridgeServer.convert(((ContainerCreate) request).containerConfig,
                            HostedSystem.class, "ContainerConfig"));
                }
                ContainerCreateResponse response = new ContainerCreateResponse();
                response.selectedProtocolVersion = 0L;
                return response;
            }
            case RPCProc.RPC_START -> {
                if (!vm) {
                    hcs(() -> container(id).system().start());
                }
            }
            case RPCProc.RPC_MODIFY_SETTINGS -> {
                if (!vm) {
                    throw new GuestError(HResults.E_NOTIMPL, "modifying a container is not emulated");
                }
                modify(((ContainerModifySettings) request).request);
            }
            case RPCProc.RPC_EXECUTE_PROCESS -> {
                ContainerExecuteProcessResponse response = new ContainerExecuteProcessResponse();
                response.processId = (long) execute(id, ((ContainerExecuteProcess) request).settings);
                return response;
            }
            case RPCProc.RPC_WAIT_FOR_PROCESS -> {
                ContainerWaitForProcessResponse response = new ContainerWaitForProcessResponse();
                response.exitCode = (long) waitFor(id, (ContainerWaitForProcess) request);
                return response;
            }
            case RPCProc.RPC_SIGNAL_PROCESS -> signal(id, (ContainerSignalProcess) request);
            case RPCProc.RPC_RESIZE_CONSOLE -> {
                ContainerResizeConsole resize = (ContainerResizeConsole) request;
                Process p = process(id, (int) resize.processId).process();
                hcs(() -> p.resizeConsole(resize.width, resize.height));
            }
            case RPCProc.RPC_SHUTDOWN_GRACEFUL -> stop(id, true);
            case RPCProc.RPC_SHUTDOWN_FORCED -> stop(id, false);
            case RPCProc.RPC_GET_PROPERTIES -> {
                ContainerGetPropertiesResponse response = new ContainerGetPropertiesResponse();
                response.properties = properties(id, (ContainerGetProperties) request);
                return response;
            }
            case RPCProc.RPC_DELETE_CONTAINER_STATE -> forget(id);
            case RPCProc.RPC_DUMP_STACKS -> {
                DumpStacksResponse response = new DumpStacksResponse();
                response.guestStacks = GuestBridgeServer.stacks();
                return response;
            }
            default -> throw new GuestError(HResults.E_NOTIMPL, "bridge: function not supported");
        }
        return new ResponseBase();
    }

    /** The Windows GCS asks the host to create and start the VM's own compute system. */
    private static NegotiateProtocolResponse negotiate(NegotiateProtocolRequest request) throws GuestError {
        GcsCapabilities caps = new GcsCapabilities();
        caps.sendHostCreateMessage = true;
        caps.sendHostStartMessage = true;
        caps.runtimeOsType = "Windows";
        caps.guestDefinedCapabilities = Json.mapper().createObjectNode().put("SignalProcessSupported", true)
                .put("DumpStacksSupported", true).put("DeleteContainerStateSupported", true);
        return GuestBridgeServer.negotiate(request, caps);
    }

    // ---- VM resources

    private void modify(ModificationRequest request) throws GuestError, IOException {
        String type = request == null || request.resourceType == null ? "" : request.resourceType.value();
        String op = request == null || request.requestType == null ? "Add" : request.requestType.value();
        Object settings = request == null ? null : request.settings;
        switch (type) {
            case "MappedVirtualDisk" -> {
                WCOWMappedVirtualDisk disk = GuestBridgeServer.convert(settings, WCOWMappedVirtualDisk.class, "Settings");
                if (disk == null || disk.containerPath == null || disk.containerPath.isEmpty()) {
                    throw new GuestError(HResults.E_INVALIDARG, "a mapped virtual disk needs a ContainerPath");
                }
                if (op.equals("Add")) {
                    disks.put(disk.containerPath, device("scsi/0-" + disk.lun));
                } else if (disks.remove(disk.containerPath) == null) {
                    throw GuestError.of(HResults.E_ELEMENT_NOT_FOUND);
                }
            }
            case "CombinedLayers" -> {
                WCOWCombinedLayers layers = GuestBridgeServer.convert(settings, WCOWCombinedLayers.class, "Settings");
                if (layers == null || layers.containerRootPath == null) {
                    throw new GuestError(HResults.E_INVALIDARG, "combined layers need a ContainerRootPath");
                }
                if (op.equals("Add")) {
                    combine(layers);
                } else {
                    uncombine(layers.containerRootPath);
                }
            }
            default -> throw new GuestError(HResults.E_NOTIMPL, "resource type " + type + " is not emulated");
        }
    }

    /** The host path behind a device entry of the VM; a missing one is the error the guest's OS would give. */
    private Path device(String entry) throws GuestError {
        Path link = vmDir.resolve("devices").resolve(entry);
        try {
            return link.toRealPath();
        } catch (IOException e) {
            throw new GuestError(HResults.E_FILE_NOT_FOUND, "no device " + entry + " in the VM");
        }
    }

    /** Attaches the layer storage to the scratch disk's directory: the VSMB-shared layers become its root. */
    private void combine(WCOWCombinedLayers request) throws GuestError, IOException {
        Path scratch = disks.get(request.containerRootPath);
        if (scratch == null || !Files.isDirectory(scratch)) {
            throw new GuestError(HResults.E_PATH_NOT_FOUND, request.containerRootPath + " is not a mounted disk");
        }
        List<String> folders = new ArrayList<>();
        for (Layer l : request.layers == null ? List.<Layer>of() : request.layers) {
            if (l.path == null || !l.path.startsWith(UtilityVm.VSMB_SHARE_PREFIX)) {
                throw new GuestError(HResults.E_INVALIDARG, "layer " + l.path + " is not a VSMB share");
            }
            folders.add(device("vsmb/" + l.path.substring(UtilityVm.VSMB_SHARE_PREFIX.length())).toString());
        }
        folders.add(scratch.toString());
        if (roots.containsKey(request.containerRootPath)) {
            throw GuestError.of(HResults.E_ALREADY_EXISTS);
        }
        roots.put(request.containerRootPath, storage.mount(folders));
    }

    /** Removes a root's combined layers; a container still on them is ended first. */
    private void uncombine(String root) throws GuestError, IOException {
        MountedLayers mounted = roots.remove(root);
        if (mounted == null) {
            throw GuestError.of(HResults.E_ELEMENT_NOT_FOUND);
        }
        containers.entrySet().removeIf(e -> {
            boolean onRoot = e.getValue().system() != null && root.equals(rootOf(e.getKey()));
            if (onRoot) {
                close(e.getKey(), e.getValue());
            }
            return onRoot;
        });
        mounted.close();
    }

    // ---- containers

    private String rootOf(String id) {
        return rootsByContainer.get(id);
    }

    /** Creates the container as a process-isolated compute system on its combined root. */
    private void create(String id, HostedSystem document) throws GuestError, IOException {
        if (document == null || document.container == null || document.container.storage == null) {
            throw new GuestError(HResults.E_INVALIDARG, "the HostedSystem document has no Container.Storage");
        }
        String root = document.container.storage.path;
        MountedLayers mounted = root == null ? null : roots.get(root);
        if (mounted == null) {
            throw new GuestError(HResults.E_PATH_NOT_FOUND, "the container's root " + root + " has no combined layers");
        }
        if (containers.containsKey(id)) {
            throw GuestError.of(HResults.E_ALREADY_EXISTS);
        }
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("Owner", OWNER);
        doc.putObject("SchemaVersion").put("Major", 2).put("Minor", 1);
        doc.put("ShouldTerminateOnLastHandleClosed", true);
        ObjectNode container = Json.mapper().valueToTree(document.container);
        ObjectNode storage = container.putObject("Storage");
        storage.put("Path", mounted.path());
        storage.set("Layers", Json.mapper().valueToTree(mounted.parents()));
        doc.set("Container", container);
        ComputeSystem system = hcs(() -> hcs.createComputeSystem(id, doc));
        containers.put(id, new GuestContainer(system, new ComputeSystemHost(system, "windows"), new ConcurrentHashMap<>()));
        rootsByContainer.put(id, root);
        system.exit().whenComplete((exit, e) -> server.notifyExit(id,
                exit == null || exit.exitType() == null ? "UnexpectedExit" : exit.exitType()));
        LOG.info("container {} created on {}", id, mounted.path());
    }

    private GuestContainer container(String id) throws GuestError {
        GuestContainer c = containers.get(id);
        if (c == null) {
            throw GuestError.of(HResults.E_ELEMENT_NOT_FOUND);
        }
        return c;
    }

    private void stop(String id, boolean graceful) throws GuestError, IOException {
        ComputeSystem system = container(id).system();
        try {
            if (graceful) {
                system.shutdown();
            } else {
                system.terminate();
            }
        } catch (HcsException e) {
            if (!e.isAlreadyStopped()) {
                throw e;
            }
        }
    }

    private ContainerProperties properties(String id, ContainerGetProperties request) throws GuestError, IOException {
        List<String> types = new ArrayList<>();
        if (request.query != null && request.query.propertyTypes != null) {
            request.query.propertyTypes.forEach(t -> types.add(t.value()));
        }
        ObjectNode query = Json.mapper().createObjectNode();
        types.forEach(query.putArray("PropertyTypes")::add);
        ObjectNode answer = hcs(() -> container(id).system().properties(query, ObjectNode.class));
        ObjectNode known = Json.mapper().createObjectNode().put("Id", id);
        if (answer.has("ProcessList")) {
            known.set("ProcessList", answer.get("ProcessList"));
        }
        return Json.convert(known, ContainerProperties.class);
    }

    private void forget(String id) {
        GuestContainer c = containers.remove(id);
        rootsByContainer.remove(id);
        if (c != null) {
            close(id, c);
        }
    }

    private static void close(String id, GuestContainer c) {
        try {
            if (!c.system().exit().isDone()) {
                c.system().terminate();
            }
        } catch (HcsException e) {
            LOG.debug("container {}: terminate: {}", id, e.getMessage());
        }
        c.system().close();
    }

    // ---- processes

    /** Dials the host's stdio ports, starts the process in the container, relays its stdio. */
    private int execute(String id, ExecuteProcessSettings settings) throws GuestError, IOException {
        GuestContainer c = container(id);
        ProcessParameters params = settings == null ? null
                : GuestBridgeServer.convert(settings.processParameters, ProcessParameters.class, "ProcessParameters");
        if (params == null) {
            throw new GuestError(HResults.E_INVALIDARG, "ExecuteProcess needs ProcessParameters");
        }
        GuestBridgeServer.Stdio stdio = GuestBridgeServer.Stdio.dial(vmDir, settings, params.createStdInPipe,
                params.createStdOutPipe, params.createStdErrPipe);
        Process p;
        try {
            p = hcs(() -> c.host().createProcess(params));
        } catch (GuestError | IOException e) {
            stdio.close();
            throw e;
        }
        Connection in = stdio.in();
        Connection out = stdio.out();
        Connection err = stdio.err();
        if (in != null) {
            pump("stdin", in.input(), p.stdin(), p::closeStdin);
        }
        CompletableFuture<Void> outDone = out == null ? CompletableFuture.completedFuture(null)
                : pump("stdout", p.stdout(), out.output(), out::close);
        CompletableFuture<Void> errDone = err == null ? CompletableFuture.completedFuture(null)
                : pump("stderr", p.stderr(), err.output(), err::close);
        CompletableFuture<Integer> released = p.exit().thenCombine(CompletableFuture.allOf(outDone, errDone),
                (code, relayed) -> code);
        c.processes().put(p.pid(), new GuestProcess(p, released));
        return p.pid();
    }

    private interface Closer {
        void close() throws IOException;
    }

    /** Copies {@code from} to {@code to} on its own thread until the end; then {@code atEnd}. */
    private static CompletableFuture<Void> pump(String name, InputStream from, OutputStream to, Closer atEnd) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                from.transferTo(to);
                to.flush();
            } catch (IOException e) {
                LOG.debug("{} relay ended: {}", name, e.getMessage());
            } finally {
                try {
                    atEnd.close();
                } catch (IOException e) {
                    LOG.debug("{} relay close: {}", name, e.getMessage());
                }
                done.complete(null);
            }
        }, "relay-" + name);
        t.setDaemon(true);
        t.start();
        return done;
    }

    private GuestProcess process(String id, int pid) throws GuestError {
        GuestProcess p = container(id).processes().get(pid);
        if (p == null) {
            throw GuestError.of(HResults.E_ELEMENT_NOT_FOUND);
        }
        return p;
    }

    private int waitFor(String id, ContainerWaitForProcess request) throws GuestError {
        GuestProcess p = process(id, (int) request.processId);
        try {
            return request.timeoutInMs >= INFINITE ? p.released().get()
                    : p.released().get(request.timeoutInMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw GuestError.of(HResults.V1_CONNECTION_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GuestError.of(HResults.E_FAIL);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new GuestError(HResults.E_FAIL, "waiting for the process failed: " + e.getCause());
        }
    }

    /** A console control event, or (no options) terminate; a process that has exited is not found. */
    private void signal(String id, ContainerSignalProcess request) throws GuestError, IOException {
        Process p = process(id, (int) request.processId).process();
        SignalProcessOptionsWCOW options = GuestBridgeServer.convert(request.options, SignalProcessOptionsWCOW.class,
                "Options");
        boolean delivered = hcs(() -> options == null || options.signal == null ? p.kill()
                : p.signal(new SignalOptions.Windows(options.signal)));
        if (!delivered) {
            throw GuestError.of(HResults.E_ELEMENT_NOT_FOUND);
        }
    }

    // ---- the VM's end

    @Override
    public void shutdownAll() {
        containers.forEach(WindowsGuestAgent::close);
        containers.clear();
        for (MountedLayers m : roots.values()) {
            try {
                m.close();
            } catch (IOException e) {
                LOG.warn("layers on {} not detached: {}", m.path(), e.getMessage());
            }
        }
        roots.clear();
        emulator.close();
    }

    private interface HcsCall<T> {
        T call() throws IOException, GuestError;
    }

    private interface HcsRun {
        void run() throws IOException, GuestError;
    }

    /** An HCS failure inside the guest is answered with its HRESULT, as the Windows GCS passes HCS's errors on. */
    private static <T> T hcs(HcsCall<T> call) throws GuestError, IOException {
        try {
            return call.call();
        } catch (HcsException e) {
            throw new GuestError(e.hresult(), e.getMessage());
        }
    }

    private static void hcs(HcsRun run) throws GuestError, IOException {
        hcs(() -> {
            run.run();
            return null;
        });
    }
}
