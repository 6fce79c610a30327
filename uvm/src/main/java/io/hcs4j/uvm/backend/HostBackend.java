package io.hcs4j.uvm.backend;

import io.hcs4j.cow.storage.LayerStorage;
import io.hcs4j.hcs.HcsBackends;
import io.hcs4j.hcs.HcsService;
import io.hcs4j.uvm.HcsVmSystem;
import io.hcs4j.uvm.VmSystem;
import io.hcs4j.uvm.transport.HvSocketTransport;

/**
 * The host backend the program runs on, selected once and passed down: HCS, the layer storage and the hvsocket
 * transport, all parts of one {@link HostBackendProvider}, plus what that backend can do.
 *
 * @param guestSeesHostFiles see {@link HostBackendProvider#guestSeesHostFiles()}
 */
public record HostBackend(HcsService hcs, LayerStorage storage, HvSocketTransport.Factory transports,
                          boolean guestSeesHostFiles) {

    /** The backend the HCS4J_BACKEND setting selects (logged once per process). */
    public static HostBackend select() {
        HcsBackends.Selection<HostBackendProvider> s = HcsBackends.select(HostBackendProvider.class);
        HostBackendProvider p = s.provider();
        return new HostBackend(HcsService.open(p.backend(), s.generation()), LayerStorage.of(p.storage()),
                p.transports(), p.guestSeesHostFiles());
    }

    /** Creates utility VMs' compute systems through this backend's HCS, reached over its transport. */
    public VmSystem.Factory vmSystems() {
        return HcsVmSystem.factory(hcs, transports);
    }
}
