package io.hcs4j.uvm.guest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.cow.SignalOptions;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.guest.ContainerGetProperties;
import io.hcs4j.schema.guest.ContainerGetPropertiesResponse;
import io.hcs4j.schema.guest.ContainerPropertiesQuery;
import io.hcs4j.schema.guest.ContainerWaitForProcess;
import io.hcs4j.schema.guest.ContainerWaitForProcessResponse;
import io.hcs4j.schema.guest.GuestProcessParameters;
import io.hcs4j.schema.guest.RPCProc;
import io.hcs4j.schema.guest.RequestBase;
import io.hcs4j.schema.guest.ResponseBase;
import io.hcs4j.schema.v2.ModifySettingRequest;
import io.hcs4j.schema.v2.PropertyType;
import io.hcs4j.uvm.LcowOptions;
import io.hcs4j.uvm.Resource;
import io.hcs4j.uvm.UtilityVm;
import io.hcs4j.uvm.VmSystem;
import io.hcs4j.uvm.bridge.GcsBridge;
import io.hcs4j.uvm.bridge.GcsException;
import io.hcs4j.uvm.bridge.codec.GcsVectors;
import io.hcs4j.uvm.transport.HvSocketDirs;
import io.hcs4j.uvm.transport.HvSocketTransport;
import io.hcs4j.uvm.transport.UnixSocketTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The host side against the reference GCS's recorded behaviour: UtilityVm, GuestContainer and GuestProcess
 * drive the recorded "lifecycle" scenario and must send what the reference host sent, and cope with what the
 * reference guest answered.
 */
@Timeout(60)
class ReferenceReplayTest {
    /** A compute system whose "boot" is the replaying guest dialling in. */
    private static final class ReplaySystem implements VmSystem {
        final String id;
        final ReplayGuest guest;
        final CompletableFuture<Void> exit = new CompletableFuture<>();
        CompletableFuture<Void> played;

        ReplaySystem(String id, String scenario) throws IOException {
            this.id = id;
            this.guest = new ReplayGuest(HvSocketDirs.forVm(id), scenario);
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public HvSocketTransport transport() {
            return UnixSocketTransport.PER_VM_DIRECTORY.forVm(id, null);
        }

        @Override
        public void start() {
            played = guest.start();
        }

        @Override
        public void pause() {
            throw new UnsupportedOperationException("not paused in this test");
        }

        @Override
        public void resume() {
            throw new UnsupportedOperationException("not resumed in this test");
        }

        @Override
        public void terminate() {
            exit.complete(null);
        }

        @Override
        public void modify(ModifySettingRequest request) {
            throw new UnsupportedOperationException("no devices in this scenario");
        }

        @Override
        public void grantAccess(String hostPath) {
            throw new UnsupportedOperationException("no devices in this scenario");
        }

        @Override
        public CompletableFuture<?> exit() {
            return exit;
        }

        @Override
        public void close() {
        }
    }

    /** The recorded OCI spec / process of a request, so the host sends the reference's documents. */
    private static ObjectNode recorded(int seq, String... path) {
        return recorded("lifecycle", seq, path);
    }

    private static ObjectNode recorded(String scenario, int seq, String... path) {
        JsonNode node = GcsVectors.frames().stream()
                .filter(f -> f.file().equals(scenario + ".bridge.jsonl") && f.seq() == seq).findFirst().orElseThrow().body();
        for (String p : path) {
            node = node.get(p);
            if (node.isTextual()) {
                node = Json.tree(node.asText());
            }
        }
        return (ObjectNode) node;
    }

    private static GuestProcessParameters params(boolean in, boolean out, boolean err, ObjectNode ociProcess) {
        GuestProcessParameters p = new GuestProcessParameters();
        p.createStdInPipe = in;
        p.createStdOutPipe = out;
        p.createStdErrPipe = err;
        if (ociProcess != null) {
            p.ociProcess = Json.convert(ociProcess, io.hcs4j.schema.oci.Process.class);
        }
        return p;
    }

    private static String[] drain(GuestProcess p) throws Exception {
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.stderr()));
        String out = read(p.stdout());
        String e = err.get(10, TimeUnit.SECONDS);
        p.closeStdout();
        p.closeStderr();
        return new String[] {out, e};
    }

    private static String read(java.io.InputStream in) {
        try {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Resource layers(UtilityVm vm, String id) throws IOException {
        return vm.addCombinedLayers(id, "/run/gcs/c/" + id + "/rootfs", List.of("/layers/busybox"), "/run/scratch/" + id);
    }

    @Test
    void theHostSpeaksLikeTheReferenceHostAndCopesWithTheReferenceGuest() throws Exception {
        ReplaySystem[] system = new ReplaySystem[1];
        LcowOptions options = new LcowOptions("replay-" + UUID.randomUUID().toString().substring(0, 8) + "@vm");
        try (UtilityVm vm = UtilityVm.createLcow((id, doc) -> system[0] = new ReplaySystem(id, "lifecycle"), options)) {
            vm.start(Duration.ofSeconds(10), Duration.ofSeconds(10));
            GuestConnection guest = vm.guest();

            // A container whose init process writes to stdout and stderr and exits 3.
            Resource rootfsA = layers(vm, "c-init-exit");
            GuestContainer a = vm.createContainer("c-init-exit", recorded(6, "ContainerConfig", "OciSpecification"),
                    "/run/gcs/c/c-init-exit", "/run/scratch/c-init-exit");
            a.start();
            GuestProcess initA = a.createProcess(params(false, true, true, null));
            assertEquals(41, initA.pid());
            assertEquals(List.of("hello\n", "err\n"), List.of(drain(initA)));
            assertEquals(3, initA.exit().get(10, TimeUnit.SECONDS));
            a.exit().get(10, TimeUnit.SECONDS);
            assertEquals("UnexpectedExit", a.exitType());
            a.shutdown();
            rootfsA.close();
            a.deleteState();

            // A container with execs.
            Resource rootfsB = layers(vm, "c-exec");
            GuestContainer b = vm.createContainer("c-exec", recorded(23, "ContainerConfig", "OciSpecification"),
                    "/run/gcs/c/c-exec", "/run/scratch/c-exec");
            b.start();
            GuestProcess initB = b.createProcess(params(false, true, true, null));
            // Like a shim, relay the init's output as it comes and close at its end.
            CompletableFuture<String[]> initOutput = CompletableFuture.supplyAsync(() -> {
                try {
                    return drain(initB);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            GuestProcess exit7 = b.createProcess(params(false, true, true, recorded(30, "Settings", "ProcessParameters", "OciProcess")));
            assertEquals(List.of("out2\n", "err2\n"), List.of(drain(exit7)));
            assertEquals(7, exit7.exit().get(10, TimeUnit.SECONDS));

            GuestProcess cat = b.createProcess(params(true, true, false, recorded(34, "Settings", "ProcessParameters", "OciProcess")));
            cat.stdin().write("ping from host\n".getBytes(StandardCharsets.UTF_8));
            cat.closeStdin();
            assertEquals("ping from host\n", read(cat.stdout()));
            cat.closeStdout();
            assertEquals(0, cat.exit().get(10, TimeUnit.SECONDS));

            GuestProcess term = b.createProcess(params(false, true, true, recorded(38, "Settings", "ProcessParameters", "OciProcess")));
            assertEquals(List.of(121L, 72L, 82L), b.properties(io.hcs4j.schema.v1.PropertyType.PROCESS_LIST)
                    .processList.stream().map(p -> p.processId).toList());
            assertTrue(term.signal(SignalOptions.linux(15)));
            drain(term);
            assertEquals(143, term.exit().get(10, TimeUnit.SECONDS));

            GuestProcess killed = b.createProcess(params(false, true, true, recorded(46, "Settings", "ProcessParameters", "OciProcess")));
            assertTrue(killed.kill());
            drain(killed);
            assertEquals(137, killed.exit().get(10, TimeUnit.SECONDS));
            assertFalse(killed.signal(SignalOptions.linux(15)), "0x80070490: already exited");

            assertTrue(b.propertiesV2(PropertyType.STATISTICS).metrics != null);

            // The reference answers Start for an unknown container with success, GetProperties with 0xC037010E.
            guest.call(RPCProc.RPC_START, GcsBridge.request(new RequestBase(), "no-such-container"), ResponseBase.class);
            ContainerGetProperties query = GcsBridge.request(new ContainerGetProperties(), "no-such-container");
            query.query = new ContainerPropertiesQuery();
            query.query.propertyTypes = List.of(io.hcs4j.schema.v1.PropertyType.PROCESS_LIST);
            assertEquals(HResults.V1_SYSTEM_NOT_FOUND, assertThrows(GcsException.class,
                    () -> guest.call(RPCProc.RPC_GET_PROPERTIES, query, ContainerGetPropertiesResponse.class)).result());
            assertTrue(guest.dumpStacks().startsWith("goroutine"));

            b.shutdown();
            assertEquals(0, initB.exit().get(10, TimeUnit.SECONDS));
            assertEquals("Terminated\n", initOutput.get(10, TimeUnit.SECONDS)[1]);
            b.exit().get(10, TimeUnit.SECONDS);
            rootfsB.close();
            b.deleteState();

            // A container the guest refuses.
            Resource rootfsC = layers(vm, "c-third");
            GcsException refused = assertThrows(GcsException.class, () -> vm.createContainer("c-third",
                    recorded(72, "ContainerConfig", "OciSpecification"), "/run/gcs/c/c-third", "/run/scratch/c-third"));
            assertEquals(HResults.E_FAIL, refused.result());
            assertTrue(refused.getMessage().contains("previously assigned container pid 41"), refused.getMessage());
            rootfsC.close();
        }
        system[0].played.get(10, TimeUnit.SECONDS);
        assertEquals(List.of(), system[0].guest.mismatches);
        assertEquals("ping from host\n", system[0].guest.stdinReceived.get(1073741831L).toString(StandardCharsets.UTF_8));
    }

    @Test
    void exitCodesWaitForTheHostToCloseStdioAndBoundedWaitsTimeOut() throws Exception {
        ReplaySystem[] system = new ReplaySystem[1];
        LcowOptions options = new LcowOptions("replay-" + UUID.randomUUID().toString().substring(0, 8) + "@vm");
        try (UtilityVm vm = UtilityVm.createLcow((id, doc) -> system[0] = new ReplaySystem(id, "stdio-close"), options)) {
            vm.start(Duration.ofSeconds(10), Duration.ofSeconds(10));
            Resource rootfs = layers(vm, "c-stdio");
            GuestContainer c = vm.createContainer("c-stdio", recorded("stdio-close", 6, "ContainerConfig", "OciSpecification"),
                    "/run/gcs/c/c-stdio", "/run/scratch/c-stdio");
            c.start();
            GuestProcess init = c.createProcess(params(false, false, false, null));
            assertEquals(null, init.stdout());

            GuestProcess echo = c.createProcess(params(false, true, false, recorded("stdio-close", 13, "Settings", "ProcessParameters", "OciProcess")));
            assertEquals("hi\n", new String(echo.stdout().readNBytes(3), StandardCharsets.UTF_8));
            // The process is gone, but its exit code waits for the host's close of stdout.
            assertFalse(echo.exit().isDone());
            // GuestProcess closes the host's end when a read reaches the end: the exit code follows.
            assertEquals(-1, echo.stdout().read());
            assertEquals(0, echo.exit().get(10, TimeUnit.SECONDS));

            GuestProcess sleep = c.createProcess(params(false, false, false, recorded("stdio-close", 17, "Settings", "ProcessParameters", "OciProcess")));
            ContainerWaitForProcess wait = GcsBridge.request(new ContainerWaitForProcess(), "c-stdio");
            wait.processId = sleep.pid();
            wait.timeoutInMs = 500;
            assertEquals(HResults.V1_CONNECTION_TIMEOUT, assertThrows(GcsException.class, () -> vm.guest().call(
                    RPCProc.RPC_WAIT_FOR_PROCESS, wait, ContainerWaitForProcessResponse.class)).result());
            assertTrue(sleep.kill());
            assertEquals(137, sleep.exit().get(10, TimeUnit.SECONDS));

            c.shutdown();
            assertEquals(0, init.exit().get(10, TimeUnit.SECONDS));
            c.exit().get(10, TimeUnit.SECONDS);
            assertEquals("GracefulExit", c.exitType());
            rootfs.close();
            c.deleteState();
        }
        system[0].played.get(10, TimeUnit.SECONDS);
        assertEquals(List.of(), system[0].guest.mismatches);
    }
}
