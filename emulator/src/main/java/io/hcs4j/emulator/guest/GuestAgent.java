package io.hcs4j.emulator.guest;

import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.platform.Connection;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.guest.ContainerCreate;
import io.hcs4j.schema.guest.ContainerCreateResponse;
import io.hcs4j.schema.guest.ContainerExecuteProcess;
import io.hcs4j.schema.guest.ContainerExecuteProcessResponse;
import io.hcs4j.schema.guest.ContainerGetProperties;
import io.hcs4j.schema.guest.ContainerGetPropertiesResponseV2;
import io.hcs4j.schema.guest.ContainerModifySettings;
import io.hcs4j.schema.guest.ContainerPropertiesQuery;
import io.hcs4j.schema.guest.ContainerResizeConsole;
import io.hcs4j.schema.guest.ContainerSignalProcess;
import io.hcs4j.schema.guest.ContainerWaitForProcess;
import io.hcs4j.schema.guest.ContainerWaitForProcessResponse;
import io.hcs4j.schema.guest.DumpStacksResponse;
import io.hcs4j.schema.guest.ExecuteProcessSettings;
import io.hcs4j.schema.guest.GcsCapabilities;
import io.hcs4j.schema.guest.GuestProcessParameters;
import io.hcs4j.schema.guest.LCOWCombinedLayers;
import io.hcs4j.schema.guest.LCOWContainerConstraints;
import io.hcs4j.schema.guest.LCOWMappedDirectory;
import io.hcs4j.schema.guest.LCOWMappedVPMemDevice;
import io.hcs4j.schema.guest.LCOWMappedVirtualDisk;
import io.hcs4j.schema.guest.LCOWNetworkAdapter;
import io.hcs4j.schema.guest.LinuxHostedSystem;
import io.hcs4j.schema.guest.ModificationRequest;
import io.hcs4j.schema.guest.NegotiateProtocolRequest;
import io.hcs4j.schema.guest.NegotiateProtocolResponse;
import io.hcs4j.schema.guest.RPCProc;
import io.hcs4j.schema.guest.RequestBase;
import io.hcs4j.schema.guest.ResponseBase;
import io.hcs4j.schema.guest.SCSIDevice;
import io.hcs4j.schema.guest.SignalProcessOptionsLCOW;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The emulated Linux guest's requests, served the way the reference Linux GCS does (see shared/vectors/gcs):
 * negotiation, layers, containers, processes with stdio dialled back to the host, signals, properties, stacks,
 * notifications. The bridge itself (frames, threads, answers) is {@link GuestBridgeServer}'s.
 */
final class GuestAgent implements GuestBridgeServer.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(GuestAgent.class);
    private static final long INFINITE = 0xFFFFFFFFL;

    private final GuestBridgeServer server;
    private final Path vmDir;
    /** What the reference GCS keeps out of its containers' (pods) cgroup for itself: its root-mem-reserve-bytes. */
    static final long ROOT_MEMORY_RESERVE_BYTES = 75L << 20;

    private final GuestRuntime runtime;
    private final Cgroups cgroups;

    /** @param cgroups where containers get their cgroups, null without */
    GuestAgent(Connection bridge, Path vmDir, boolean root, Cgroups cgroups) {
        this.server = new GuestBridgeServer(bridge);
        this.vmDir = vmDir;
        this.cgroups = cgroups;
        this.runtime = new GuestRuntime(root, cgroups, vmDir, server::notifyExit);
    }

    /** Serves until the host closes the bridge or shuts the VM down; then everything the guest ran is ended. */
    void serve() {
        server.serve(this);
    }

    /** The host ends the VM: {@link #serve} returns once everything the guest ran has ended. */
    void end() {
        server.end();
    }

    @Override
    public void shutdownAll() {
        runtime.shutdownAll();
    }

    private static <T> T convert(Object document, Class<T> type, String what) throws GuestError {
        return GuestBridgeServer.convert(document, type, what);
    }

    @Override
    public ResponseBase dispatch(int proc, RequestBase request) throws GuestError, IOException {
        String containerId = request.containerId;
        switch (proc) {
            case RPCProc.RPC_NEGOTIATE_PROTOCOL -> {
                return negotiate((NegotiateProtocolRequest) request);
            }
            case RPCProc.RPC_MODIFY_SETTINGS -> {
                ModificationRequest modification = ((ContainerModifySettings) request).request;
                if (GuestRuntime.VM_ID.equals(containerId)) {
                    modify(modification);
                } else {
                    modifyContainer(containerId, modification);
                }
            }
            case RPCProc.RPC_CREATE -> {
                LinuxHostedSystem config = convert(((ContainerCreate) request).containerConfig,
                        LinuxHostedSystem.class, "ContainerConfig");
                runtime.create(containerId, config == null ? new LinuxHostedSystem() : config);
                ContainerCreateResponse response = new ContainerCreateResponse();
                response.selectedProtocolVersion = 0L;
                return response;
            }
            // The reference answers Start with success even for a container it does not know.
            case RPCProc.RPC_START -> { }
            case RPCProc.RPC_EXECUTE_PROCESS -> {
                ContainerExecuteProcessResponse response = new ContainerExecuteProcessResponse();
                response.processId = (long) execute(containerId, ((ContainerExecuteProcess) request).settings);
                return response;
            }
            case RPCProc.RPC_WAIT_FOR_PROCESS -> {
                ContainerWaitForProcessResponse response = new ContainerWaitForProcessResponse();
                response.exitCode = (long) waitFor(containerId, (ContainerWaitForProcess) request);
                return response;
            }
            case RPCProc.RPC_SIGNAL_PROCESS -> {
                ContainerSignalProcess signal = (ContainerSignalProcess) request;
                SignalProcessOptionsLCOW options = convert(signal.options, SignalProcessOptionsLCOW.class, "Options");
                runtime.signal(containerId, (int) signal.processId,
                        options == null || options.signal == 0 ? 9 : (int) options.signal);
            }
            case RPCProc.RPC_SHUTDOWN_GRACEFUL -> runtime.shutdown(containerId, true);
            case RPCProc.RPC_SHUTDOWN_FORCED -> runtime.shutdown(containerId, false);
            case RPCProc.RPC_GET_PROPERTIES -> {
                ContainerPropertiesQuery query = ((ContainerGetProperties) request).query;
                List<String> types = new ArrayList<>();
                if (query != null && query.propertyTypes != null) {
                    query.propertyTypes.forEach(t -> types.add(t.value()));
                }
                ContainerGetPropertiesResponseV2 response = new ContainerGetPropertiesResponseV2();
                response.properties = runtime.properties(containerId, types);
                return response;
            }
            case RPCProc.RPC_DUMP_STACKS -> {
                DumpStacksResponse response = new DumpStacksResponse();
                response.guestStacks = GuestBridgeServer.stacks();
                return response;
            }
            case RPCProc.RPC_DELETE_CONTAINER_STATE -> runtime.deleteState(containerId);
            case RPCProc.RPC_RESIZE_CONSOLE -> {
                ContainerResizeConsole resize = (ContainerResizeConsole) request;
                runtime.resize(containerId, (int) resize.processId, resize.width, resize.height);
            }
            // The Linux GCS has no UpdateContainer: resources are updated through ModifySettings.
            case RPCProc.RPC_UPDATE_CONTAINER -> throw new GuestError(HResults.E_NOTIMPL, "bridge: function not supported");
            default -> throw GuestError.of(HResults.V1_UNKNOWN_MESSAGE);
        }
        return new ResponseBase();
    }

    /** ModifySettings on a container: only its constraints (OCI LinuxResources), updated in place. */
    private void modifyContainer(String containerId, ModificationRequest request) throws GuestError {
        String type = request == null || request.resourceType == null ? "" : request.resourceType.value();
        String op = request == null || request.requestType == null ? "" : request.requestType.value();
        if (!type.equals("ContainerConstraints")) {
            runtime.requireContainer(containerId);
            throw new GuestError(HResults.E_FAIL, "the ResourceType \"" + type + "\" is not supported for containers");
        }
        if (!op.equals("Update")) {
            runtime.requireContainer(containerId);
            throw new GuestError(HResults.E_FAIL, "the RequestType \"" + op + "\" is not supported");
        }
        LCOWContainerConstraints constraints = convert(request.settings, LCOWContainerConstraints.class, "Settings");
        runtime.update(containerId, constraints == null ? null : constraints.linux);
    }

    private static NegotiateProtocolResponse negotiate(NegotiateProtocolRequest request) throws GuestError {
        GcsCapabilities caps = new GcsCapabilities();
        caps.runtimeOsType = "Linux";
        caps.guestDefinedCapabilities = Json.mapper().createObjectNode().put("NamespaceAddRequestSupported", true)
                .put("SignalProcessSupported", true).put("DumpStacksSupported", true)
                .put("DeleteContainerStateSupported", true);
        return GuestBridgeServer.negotiate(request, caps);
    }

    private void modify(ModificationRequest request) throws GuestError {
        String type = request == null || request.resourceType == null ? "" : request.resourceType.value();
        String op = request == null || request.requestType == null ? "Add" : request.requestType.value();
        Object settings = request == null ? null : request.settings;
        switch (type) {
            case "CombinedLayers" -> {
                LCOWCombinedLayers layers = convert(settings, LCOWCombinedLayers.class, "Settings");
                if (layers == null) {
                    layers = new LCOWCombinedLayers();
                }
                if (op.equals("Add")) {
                    runtime.addLayers(layers);
                } else if (op.equals("Remove")) {
                    runtime.removeLayers(layers);
                } else {
                    throw new GuestError(HResults.E_NOTIMPL, "CombinedLayers " + op);
                }
            }
            case "MappedVirtualDisk", "MappedDirectory", "VPMemDevice" -> {
                Class<?> deviceType = switch (type) {
                    case "MappedVirtualDisk" -> LCOWMappedVirtualDisk.class;
                    case "MappedDirectory" -> LCOWMappedDirectory.class;
                    default -> LCOWMappedVPMemDevice.class;
                };
                Object device = convert(settings == null ? Json.mapper().createObjectNode() : settings, deviceType,
                        "Settings");
                if (op.equals("Add")) {
                    runtime.mounts().add(device);
                } else if (op.equals("Remove")) {
                    runtime.mounts().remove(device);
                } else {
                    throw new GuestError(HResults.E_NOTIMPL, type + " " + op);
                }
            }
            case "SCSIDevice" -> {
                // The host unplugs a disk after the guest unmounted it; the emulated VM's disks are files.
                if (!op.equals("Remove")) {
                    throw new GuestError(HResults.E_NOTIMPL, type + " " + op);
                }
                SCSIDevice device = convert(settings, SCSIDevice.class, "Settings");
                LOG.debug("SCSI device {}-{} unplugged", device == null ? 0 : device.controller,
                        device == null ? 0 : device.lun);
            }
            case "NetworkNamespace" -> {
                // The host sends HNS's HostComputeNamespace document; its "ID" names the namespace.
                Object document = settings == null ? Json.mapper().createObjectNode() : settings;
                String id = Json.mapper().valueToTree(document).path("ID").asText("");
                if (op.equals("Add")) {
                    runtime.networks().add(id);
                } else if (op.equals("Remove")) {
                    runtime.networks().remove(id);
                } else {
                    throw new GuestError(HResults.E_NOTIMPL, "NetworkNamespace " + op);
                }
            }
            case "Network" -> {
                LCOWNetworkAdapter adapter = convert(settings, LCOWNetworkAdapter.class, "Settings");
                if (adapter == null) {
                    adapter = new LCOWNetworkAdapter();
                }
                if (op.equals("Add")) {
                    runtime.networks().addAdapter(adapter.namespaceId, adapter.id);
                } else if (op.equals("Remove")) {
                    runtime.networks().removeAdapter(adapter.namespaceId, adapter.id);
                } else {
                    throw new GuestError(HResults.E_NOTIMPL, "Network " + op);
                }
            }
            case "PodCgroupMemoryLimit" -> {
                if (!op.equals("Update")) {
                    throw new GuestError(HResults.E_FAIL, "the RequestType \"" + op + "\" is not supported");
                }
                limitContainersToVmMemory();
            }
            // The emulated VM has no PCI devices: acknowledged, no state kept.
            case "MappedVPCIDevice" -> { }
            default -> throw new GuestError(HResults.E_NOTIMPL, "resource type " + type + " is not emulated");
        }
    }

    /**
     * The host resized the VM: the containers' cgroup is limited to the VM's memory less the agent's reserve, as the
     * reference GCS re-reads its total memory and limits /pods. Without cgroups nothing is limited (logged).
     */
    private void limitContainersToVmMemory() throws GuestError {
        long total;
        try {
            total = GuestMemory.totalBytes();
        } catch (IOException e) {
            throw new GuestError(HResults.E_FAIL, "failed to get sys info: " + e.getMessage());
        }
        if (total <= ROOT_MEMORY_RESERVE_BYTES) {
            throw new GuestError(HResults.E_FAIL, "total memory " + total + " must be greater than root memory reserve "
                    + ROOT_MEMORY_RESERVE_BYTES);
        }
        long limit = total - ROOT_MEMORY_RESERVE_BYTES;
        if (cgroups == null) {
            LOG.info("VM memory is {} bytes; containers run without cgroups, so nothing limits them to {}", total, limit);
            return;
        }
        try {
            cgroups.limitVmMemory(Cgroups.vmName(vmDir), limit);
        } catch (IOException e) {
            throw new GuestError(HResults.E_FAIL, "failed to update pods cgroup memory limit: " + e.getMessage());
        }
        LOG.info("containers' memory limited to {} bytes of the VM's {}", limit, total);
    }

    /** Dials stdin, stdout, stderr (in that order, the named ones only), then starts the process. */
    private int execute(String containerId, ExecuteProcessSettings settings) throws GuestError, IOException {
        GuestProcessParameters params = settings == null ? null
                : convert(settings.processParameters, GuestProcessParameters.class, "ProcessParameters");
        if (params == null) {
            params = new GuestProcessParameters();
        }
        GuestBridgeServer.Stdio stdio = GuestBridgeServer.Stdio.dial(vmDir, settings, params.createStdInPipe,
                params.createStdOutPipe, params.createStdErrPipe);
        try {
            return runtime.execute(containerId, params, stdio.in(), stdio.out(), stdio.err());
        } catch (GuestError e) {
            stdio.close();
            throw e;
        }
    }

    private int waitFor(String containerId, ContainerWaitForProcess request) throws GuestError {
        long timeout = request.timeoutInMs;
        return runtime.awaitExit(containerId, (int) request.processId, timeout >= INFINITE ? 0 : timeout);
    }
}
