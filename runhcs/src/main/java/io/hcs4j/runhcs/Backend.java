package io.hcs4j.runhcs;

import io.hcs4j.cow.Container;
import io.hcs4j.cow.hcs.HcsContainer;
import io.hcs4j.hcs.HcsBackends;
import io.hcs4j.runhcs.scratch.EmulatedScratchDisks;
import io.hcs4j.runhcs.scratch.ScratchDisks;
import io.hcs4j.runhcs.scratch.WindowsScratchDisks;
import io.hcs4j.schema.oci.Spec;
import io.hcs4j.uvm.UtilityVm;
import io.hcs4j.uvm.HostedContainer;
import io.hcs4j.uvm.WcowOptions;
import io.hcs4j.uvm.WcowVmOptions;
import io.hcs4j.uvm.backend.HostBackend;
import io.hcs4j.uvm.backend.HostBackendProvider;
import java.io.IOException;
import java.util.Map;

/**
 * Where runhcs containers come from: process-isolated Windows containers through HCS and the layer storage API,
 * both parts of the backend HCS4J_BACKEND selects (real HCS on Windows, the emulator elsewhere). The HCS4J_SCHEMA
 * setting ("v1") makes the container document schema1, for hosts that only speak it. A spec with
 * {@code windows.hyperv} runs in a Windows utility VM of its own booted from its image's {@code UtilityVM} folder, as
 * the shim runs it. create-scratch's disks come from the same selection.
 */
final class Backend {
    /** The compute system owner HCS records for runhcs containers. */
    static final String OWNER = "hcs4j-runhcs";

    private Backend() {
    }

    /** Scratch disks in the selected backend's format (VHDX on Windows, VHD-footed sparse images on the emulator). */
    static ScratchDisks scratchDisks(boolean useVirtualMemory) {
        HcsBackends.Selection<HostBackendProvider> s = HcsBackends.select(HostBackendProvider.class);
        if (!"windows".equals(s.provider().name())) {
            return new EmulatedScratchDisks();
        }
        HostBackend host = HostBackend.select();
        return new WindowsScratchDisks(host.vmSystems(), s.provider().backend().computeCore(), OWNER,
                useVirtualMemory);
    }

    static Holder.ContainerFactory containerFactory() {
        HcsContainer.Schema schema = "v1".equalsIgnoreCase(System.getenv("HCS4J_SCHEMA"))
                ? HcsContainer.Schema.V1 : HcsContainer.Schema.V2;
        HostBackend host = HostBackend.select();
        return (id, spec) -> spec.windows != null && spec.windows.hyperV != null ? inUtilityVm(host, id, spec)
                : HcsContainer.create(host.hcs(), host.storage(), id, spec, OWNER, schema);
    }
    /** Boots the container's own Windows utility VM and creates the container in it; the VM ends with the container. */
    static Container inUtilityVm(HostBackend host, String id, Spec spec) throws IOException {
        WcowOptions options = WcowVmOptions.of(UtilityVm.idFor(id), spec.windows.layerFolders, spec,
                spec.annotations == null ? Map.of() : spec.annotations);
        options.owner = OWNER;
        UtilityVm vm = UtilityVm.createWcow(host.vmSystems(), options);
        try {
            vm.start();
            return HostedContainer.createWindows(vm, host.storage(), host.guestSeesHostFiles(), id, spec,
                    spec.windows.layerFolders, options.processorCount, new HostedContainer.Membership() {
                        @Override
                        public void pause() throws IOException {
                            vm.pause();
                        }

                        @Override
                        public void resume() throws IOException {
                            vm.resume();
                        }

                        @Override
                        public void leave() {
                            vm.close();
                        }

                        @Override
                        public boolean ownsVm() {
                            return true;
                        }
                    });
        } catch (IOException | RuntimeException e) {
            vm.close();
            throw e;
        }
    }
}

