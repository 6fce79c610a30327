package io.hcs4j.runhcs;

import io.hcs4j.cow.Container;
import io.hcs4j.cow.hcs.HcsContainer;
import io.hcs4j.schema.oci.Spec;
import io.hcs4j.uvm.UtilityVm;
import io.hcs4j.uvm.WcowHostedContainer;
import io.hcs4j.uvm.WcowOptions;
import io.hcs4j.uvm.WcowVmOptions;
import io.hcs4j.uvm.backend.HostBackend;
import java.io.IOException;
import java.util.Map;

/**
 * Where runhcs containers come from, through the backend HCS4J_BACKEND selects (real HCS on Windows, the emulator
 * elsewhere): process-isolated Windows containers through HCS and the layer storage API (the HCS4J_SCHEMA setting
 * "v1" makes their document schema1, for hosts that only speak it); a spec with {@code windows.hyperv} runs in a
 * Windows utility VM of its own booted from its image's {@code UtilityVM} folder, as the shim runs it.
 */
final class Backend {
    /** The compute system owner HCS records for runhcs containers. */
    static final String OWNER = "hcs4j-runhcs";

    private Backend() {
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
            return WcowHostedContainer.create(vm, host.storage(), host.guestSeesHostFiles(), id, spec,
                    spec.windows.layerFolders, options.processorCount, new WcowHostedContainer.Membership() {
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
                    });
        } catch (IOException | RuntimeException e) {
            vm.close();
            throw e;
        }
    }
}
