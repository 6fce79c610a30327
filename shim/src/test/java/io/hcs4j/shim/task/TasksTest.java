package io.hcs4j.shim.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.hcs4j.shim.api.events.TaskExit;
import io.hcs4j.shim.api.runhcs.Options;
import io.hcs4j.shim.api.task.CreateTaskRequest;
import io.hcs4j.shim.api.task.ExecProcessRequest;
import io.hcs4j.shim.api.task.KillRequest;
import io.hcs4j.shim.api.task.UpdateTaskRequest;
import io.hcs4j.shim.api.task.WaitResponse;
import io.hcs4j.shim.api.types.Status;
import io.hcs4j.shim.runtime.ContainerBackend;
import io.hcs4j.shim.runtime.ContainerSpec;
import io.hcs4j.cow.Container;
import io.grpc.Status.Code;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class TasksTest {
    @TempDir
    Path dir;
    private final LocalProcessBackend backend = new LocalProcessBackend();
    private final RecordingPublisher events = new RecordingPublisher();
    private final Tasks tasks = new Tasks(new Backends(backend, null), events, "test", Options.getDefaultInstance(),
            WireTypes.LINUX);

    @AfterEach
    void cleanup() {
        tasks.closeAll();
    }

    private Path bundleJson(String id, String json) throws IOException {
        Path b = Files.createDirectories(dir.resolve(id));
        Files.writeString(b.resolve("config.json"), json);
        return b;
    }

    private Path bundle(String id, String... args) throws IOException {
        StringBuilder a = new StringBuilder();
        for (String s : args) {
            a.append(a.length() == 0 ? "" : ",").append('"').append(s.replace("\"", "\\\"")).append('"');
        }
        return bundleJson(id, "{\"process\":{\"args\":[" + a + "],\"cwd\":\"/\"},\"root\":{\"path\":\"rootfs\"},\"linux\":{}}");
    }

    private CreateTaskRequest.Builder create(String id, Path bundle) {
        return CreateTaskRequest.newBuilder().setId(id).setBundle(bundle.toString())
                .setStdout(dir.resolve(id + ".out").toUri().toString());
    }

    /** The gRPC status a failure of {@code call} reaches containerd with. */
    private static io.grpc.Status status(Executable call) {
        return GrpcErrors.toStatus(assertThrows(Exception.class, call));
    }

    private static Code code(Executable call) {
        return status(call).getCode();
    }

    private WaitResponse await(String id, String exec) throws Exception {
        return tasks.await(id, exec).get(30, TimeUnit.SECONDS);
    }

    private static Any processSpec(String... args) {
        StringBuilder a = new StringBuilder();
        for (String s : args) {
            a.append(a.length() == 0 ? "" : ",").append('"').append(s).append('"');
        }
        return Any.newBuilder().setTypeUrl("types.containerd.io/opencontainers/runtime-spec/1/Process")
                .setValue(ByteString.copyFromUtf8("{\"args\":[" + a + "],\"cwd\":\"/\"}")).build();
    }

    @Test
    void lifecycleEmitsEventsInContainerdsOrder() throws Exception {
        tasks.create(create("t1", bundle("t1", "sh", "-c", "echo hello; exit 7")).build());
        assertEquals(Status.CREATED, tasks.state("t1", "").getStatus());
        int pid = tasks.start("t1", "");
        assertTrue(pid > 0);
        WaitResponse w = await("t1", "");
        assertEquals(7, w.getExitStatus());
        assertEquals(Status.STOPPED, tasks.state("t1", "").getStatus());
        assertEquals(7, tasks.state("t1", "").getExitStatus());
        assertEquals("hello\n", Files.readString(dir.resolve("t1.out"), StandardCharsets.UTF_8));
        assertEquals(7, tasks.delete("t1", "").getExitStatus());
        assertEquals(List.of("/tasks/create", "/tasks/start", "/tasks/exit", "/tasks/delete"), events.topics());
        TaskExit exit = (TaskExit) events.events().get(2).message();
        assertEquals(pid, exit.getPid());
        assertEquals("t1", exit.getId());
        assertTrue(backend.containers.get(0).closed, "delete releases the container");
        assertEquals(Code.NOT_FOUND, code(() -> tasks.state("t1", "")));
    }

    @Test
    void execLifecycleAndItsErrors() throws Exception {
        tasks.create(create("t2", bundle("t2", "sleep", "30")).build());
        tasks.start("t2", "");
        ExecProcessRequest exec = ExecProcessRequest.newBuilder().setId("t2").setExecId("e1")
                .setStdout(dir.resolve("e1.out").toUri().toString()).setSpec(processSpec("sh", "-c", "echo exec; exit 3")).build();
        tasks.exec(exec);
        assertEquals(Code.ALREADY_EXISTS, code(() -> tasks.exec(exec)));
        assertEquals(Status.CREATED, tasks.state("t2", "e1").getStatus());
        tasks.start("t2", "e1");
        assertEquals(3, await("t2", "e1").getExitStatus());
        assertEquals("exec\n", Files.readString(dir.resolve("e1.out")));
        assertEquals(Code.NOT_FOUND, code(() -> tasks.state("t2", "nope")));
        assertEquals(Code.NOT_FOUND, code(() -> tasks.kill(KillRequest.newBuilder().setId("t2").setExecId("nope").setSignal(9).build())));
        assertEquals(Code.NOT_FOUND, code(() -> tasks.kill(KillRequest.newBuilder().setId("t2").setExecId("e1").setSignal(9).build())),
                "killing an exited exec");
        assertEquals(3, tasks.delete("t2", "e1").getExitStatus());
        tasks.kill(KillRequest.newBuilder().setId("t2").setSignal(15).build());
        assertEquals(143, await("t2", "").getExitStatus());
        ExecProcessRequest late = exec.toBuilder().setExecId("late").build();
        assertEquals(Code.FAILED_PRECONDITION, code(() -> tasks.exec(late)), "exec into a stopped task");
        assertEquals(List.of("/tasks/create", "/tasks/start", "/tasks/exec-added", "/tasks/exec-started", "/tasks/exit",
                "/tasks/exit"), events.topics());
    }

    @Test
    void killAllStopsExecsAndInit() throws Exception {
        tasks.create(create("t3", bundle("t3", "sleep", "30")).build());
        tasks.start("t3", "");
        tasks.exec(ExecProcessRequest.newBuilder().setId("t3").setExecId("bg").setSpec(processSpec("sleep", "30")).build());
        tasks.start("t3", "bg");
        tasks.kill(KillRequest.newBuilder().setId("t3").setSignal(9).setAll(true).build());
        assertEquals(137, await("t3", "bg").getExitStatus());
        assertEquals(137, await("t3", "").getExitStatus());
    }

    @Test
    void initExitEndsTheExecs() throws Exception {
        tasks.create(create("t4", bundle("t4", "sleep", "30")).build());
        tasks.start("t4", "");
        tasks.exec(ExecProcessRequest.newBuilder().setId("t4").setExecId("bg").setSpec(processSpec("sleep", "30")).build());
        tasks.start("t4", "bg");
        tasks.kill(KillRequest.newBuilder().setId("t4").setSignal(9).build());
        assertEquals(137, await("t4", "").getExitStatus());
        assertEquals(137, await("t4", "bg").getExitStatus());
    }

    /**
     * Issue 15, defect 2: the client's stdout reader goes away (ctr run -d exits) while the process writes more
     * than the FIFO holds, and the exit is reported only once stdout is taken (a Linux guest's rule). SIGKILL
     * must still end the task STOPPED within 5 s, and it deletes.
     */
    @Test
    void aKilledTaskWhoseOutputReaderWentAwayStopsWithinFiveSecondsAndDeletes() throws Exception {
        backend.exitAfterStdoutTaken = true;
        Path fifo = dir.resolve("det.stdout");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        tasks.create(create("det", bundle("det", "head", "-c", "200000000", "/dev/zero")).setStdout(fifo.toString()).build());
        tasks.start("det", "");
        try (InputStream reader = Files.newInputStream(fifo)) { // the client reads a little, then goes away
            reader.readNBytes(4096);
        }
        Thread.sleep(500); // the FIFO fills up: the shim's copier is now blocked writing into it
        assertEquals(Status.RUNNING, tasks.state("det", "").getStatus());
        long killedAt = System.nanoTime();
        tasks.kill(KillRequest.newBuilder().setId("det").setSignal(9).build());
        assertEquals(137, tasks.await("det", "").get(5, TimeUnit.SECONDS).getExitStatus());
        assertTrue(System.nanoTime() - killedAt < TimeUnit.SECONDS.toNanos(5));
        assertEquals(Status.STOPPED, tasks.state("det", "").getStatus());
        assertEquals(137, tasks.delete("det", "").getExitStatus());
    }

    @Test
    void runningTasksCannotBeDeletedAndStoppedOnesCannotBeStarted() throws Exception {
        tasks.create(create("t5", bundle("t5", "sleep", "30")).build());
        tasks.start("t5", "");
        assertEquals(Code.FAILED_PRECONDITION, code(() -> tasks.delete("t5", "")));
        assertEquals(Code.FAILED_PRECONDITION, code(() -> tasks.start("t5", "")));
        tasks.kill(KillRequest.newBuilder().setId("t5").setSignal(9).build());
        await("t5", "");
        assertEquals(Code.NOT_FOUND, code(() -> tasks.kill(KillRequest.newBuilder().setId("t5").setSignal(9).build())));
        tasks.delete("t5", "");
        assertEquals(Code.NOT_FOUND, code(() -> tasks.delete("t5", "")));
    }

    @Test
    void pauseAndResume() throws Exception {
        tasks.create(create("t6", bundle("t6", "sleep", "30")).build());
        assertEquals(Code.FAILED_PRECONDITION, code(() -> tasks.pause("t6")), "pause before start");
        tasks.start("t6", "");
        tasks.pause("t6");
        assertEquals(Status.PAUSED, tasks.state("t6", "").getStatus());
        assertEquals(Code.FAILED_PRECONDITION, code(() -> tasks.pause("t6")));
        tasks.resume("t6");
        assertEquals(Status.RUNNING, tasks.state("t6", "").getStatus());
        assertEquals(Code.FAILED_PRECONDITION, code(() -> tasks.resume("t6")));
        assertEquals(List.of("/tasks/create", "/tasks/start", "/tasks/paused", "/tasks/resumed"), events.topics());
    }

    @Test
    void illegalTransitionsAreRefusedWithFailedPrecondition() throws Exception {
        tasks.create(create("s1", bundle("s1", "sleep", "30")).build());
        assertEquals(Code.FAILED_PRECONDITION, code(() -> tasks.pause("s1")), "pause a created task");
        assertEquals(Code.FAILED_PRECONDITION, code(() -> tasks.resizePty("s1", "", 80, 24)), "resize without a terminal");
        tasks.start("s1", "");
        io.grpc.Status twice = status(() -> tasks.start("s1", ""));
        assertEquals(Code.FAILED_PRECONDITION, twice.getCode(), "start twice");
        assertEquals("task s1 is already running", twice.getDescription());
        assertEquals(Code.FAILED_PRECONDITION, code(() -> tasks.resume("s1")), "resume a running task");

        ExecProcessRequest.Builder exec = ExecProcessRequest.newBuilder().setId("s1").setTerminal(true);
        tasks.exec(exec.setExecId("tty").setSpec(processSpec("true")).build());
        tasks.resizePty("s1", "tty", 80, 24); // hcsshim resizes only a running tty and ignores the call otherwise
        tasks.start("s1", "tty");
        await("s1", "tty");
        tasks.resizePty("s1", "tty", 80, 24);
        tasks.closeIo("s1", "tty", true); // containerd's exec sends CloseIO after Start, often after the exit
        assertEquals(Code.FAILED_PRECONDITION, code(() -> tasks.start("s1", "tty")), "start an exited exec");

        tasks.exec(exec.setExecId("bg").setTerminal(false).setSpec(processSpec("sleep", "30")).build());
        tasks.start("s1", "bg");
        io.grpc.Status deleteRunning = status(() -> tasks.delete("s1", "bg"));
        assertEquals(Code.FAILED_PRECONDITION, deleteRunning.getCode(), "delete a running exec");
        assertEquals("cannot delete exec bg of task s1: it is running", deleteRunning.getDescription());
        tasks.exec(exec.setExecId("late").setSpec(processSpec("true")).build());

        tasks.pause("s1");
        assertEquals(Code.FAILED_PRECONDITION, code(() -> tasks.pause("s1")), "pause twice");
        assertEquals(Code.FAILED_PRECONDITION, code(() -> tasks.delete("s1", "")), "delete a paused task");
        assertEquals(Status.PAUSED, tasks.state("s1", "bg").getStatus(), "a paused task's execs are paused");
        tasks.resume("s1");

        tasks.kill(KillRequest.newBuilder().setId("s1").setSignal(9).build());
        await("s1", "");
        await("s1", "bg");
        io.grpc.Status startLate = status(() -> tasks.start("s1", "late"));
        assertEquals(Code.FAILED_PRECONDITION, startLate.getCode(), "start an exec of a stopped task");
        assertEquals("cannot start exec late of task s1: the task is stopped", startLate.getDescription());
        assertEquals(Status.CREATED, tasks.state("s1", "late").getStatus(), "a refused start changes nothing");
        assertEquals(Code.FAILED_PRECONDITION, code(() -> tasks.exec(exec.setExecId("later").build())), "exec on a stopped task");
        assertEquals(Code.FAILED_PRECONDITION, code(() -> tasks.pause("s1")), "pause a stopped task");
        tasks.closeIo("s1", "", true);
        assertEquals(Code.FAILED_PRECONDITION, code(() -> tasks.start("s1", "")), "start a stopped task");
        tasks.delete("s1", "late");
        tasks.delete("s1", "bg");
        tasks.delete("s1", "");
        assertEquals(List.of("/tasks/create", "/tasks/start", "/tasks/exec-added", "/tasks/exec-started", "/tasks/exit",
                "/tasks/exec-added", "/tasks/exec-started", "/tasks/exec-added", "/tasks/paused", "/tasks/resumed",
                "/tasks/exit", "/tasks/exit", "/tasks/delete"), events.topics(), "refusals queue no events");
    }

    @Test
    void createRejectsBadInputClearly() throws Exception {
        Path b1 = bundleJson("b1", "{not json");
        Path b2 = bundleJson("b2", "{\"root\":{}}");
        Path b3 = bundle("b3", new String[0]);
        assertEquals(Code.INVALID_ARGUMENT, code(() -> tasks.create(create("b1", b1).build())));
        assertEquals(Code.INVALID_ARGUMENT, code(() -> tasks.create(create("b2", b2).build())));
        assertEquals(Code.INVALID_ARGUMENT, code(() -> tasks.create(create("b3", b3).build())));
        assertEquals(Code.INVALID_ARGUMENT, code(() -> tasks.create(create("b4", dir.resolve("missing")).build())));
        assertEquals(Code.INVALID_ARGUMENT, code(() -> tasks.create(CreateTaskRequest.newBuilder().setBundle(dir.toString()).build())));
        Path windows = bundleJson("w1", "{\"process\":{\"args\":[\"cmd\"]},\"windows\":{}}");
        assertEquals(Code.UNIMPLEMENTED, code(() -> tasks.create(create("w1", windows).build())), "no Windows path here");
        Path hyperV = bundleJson("w2", "{\"process\":{\"args\":[\"cmd\"]},\"windows\":{\"hyperV\":{}}}");
        Tasks withWindows = new Tasks(new Backends(backend, null, backend), events, "test", Options.getDefaultInstance(),
                WireTypes.LINUX);
        io.grpc.Status e = status(() -> withWindows.create(create("w2", hyperV).build()));
        assertEquals(Code.UNIMPLEMENTED, e.getCode());
        assertTrue(e.getDescription().contains("hypervisor isolation"), e.getDescription());
        assertEquals(Code.UNIMPLEMENTED, code(() -> tasks.create(create("c1", dir).setCheckpoint("/cp").build())));
        assertTrue(events.topics().isEmpty(), "no event for a failed create");
        assertTrue(tasks.isEmpty());
    }

    /** The shim pool size from a Create's annotations: kept for the daemon, a bad one refused naming it, no task. */
    @Test
    void aPoolSizeAnnotationIsKeptAndABadOneRefused() throws Exception {
        assertNull(tasks.shimPoolSize());
        String spec = "{\"process\":{\"args\":[\"true\"],\"cwd\":\"/\"},\"root\":{\"path\":\"rootfs\"},\"linux\":{},"
                + "\"annotations\":{\"io.hcs4j.shim.pool-size\":\"%s\"}}";
        io.grpc.Status bad = status(() -> tasks.create(create("ps1", bundleJson("ps1", String.format(spec, "lots"))).build()));
        assertEquals(Code.INVALID_ARGUMENT, bad.getCode());
        assertEquals("io.hcs4j.shim.pool-size: 'lots' is not a number (0..64)", bad.getDescription());
        assertEquals(Code.INVALID_ARGUMENT, code(() -> tasks.create(create("ps2", bundleJson("ps2", String.format(spec, "65"))).build())));
        assertTrue(tasks.isEmpty());
        assertNull(tasks.shimPoolSize());
        tasks.create(create("ps3", bundleJson("ps3", String.format(spec, "3"))).build());
        assertEquals(3, tasks.shimPoolSize());
    }

    @Test
    void duplicateCreateIsAlreadyExists() throws Exception {
        Path b = bundle("d1", "sleep", "30");
        tasks.create(create("d1", b).build());
        assertEquals(Code.ALREADY_EXISTS, code(() -> tasks.create(create("d1", b).build())));
    }

    @Test
    void createdButNeverStartedTaskCanBeDeleted() throws Exception {
        tasks.create(create("n1", bundle("n1", "true")).build());
        tasks.delete("n1", "");
        assertEquals(List.of("/tasks/create", "/tasks/delete"), events.topics());
    }

    @Test
    void updateOfLinuxResourcesThatTheContainerCannotApplyIsUnimplementedWithAReasonAndAnnotationsAreAccepted() throws Exception {
        tasks.create(create("u1", bundle("u1", "true")).build());
        tasks.update(UpdateTaskRequest.newBuilder().setId("u1").putAnnotations("a", "b").build());
        io.grpc.Status e = status(() -> tasks.update(resources("u1", Task.LINUX_RESOURCES_URL, "{}")));
        assertEquals(Code.UNIMPLEMENTED, e.getCode());
        assertTrue(e.getDescription().contains("no resource control"));
        assertEquals(Code.INVALID_ARGUMENT, code(() -> tasks.update(resources("u1", Task.LINUX_RESOURCES_URL, "{not json"))));
    }

    private static UpdateTaskRequest resources(String id, String typeUrl, String json) {
        return UpdateTaskRequest.newBuilder().setId(id)
                .setResources(Any.newBuilder().setTypeUrl(typeUrl).setValue(ByteString.copyFromUtf8(json))).build();
    }

    /**
     * hcsshim decides by the resources' type: neither OCI resources type is a plain error (gRPC Unknown) with its
     * message, and WindowsResources for a Linux container that does not own a VM is refused with its LCOW message;
     * neither reaches the container (whose modify would answer Unimplemented).
     */
    @Test
    void updateResourcesOfTheWrongTypeAreRefusedAsHcsshimRefusesThem() throws Exception {
        tasks.create(create("u2", bundle("u2", "true")).build());
        io.grpc.Status unknown = status(() -> tasks.update(resources("u2", "types.containerd.io/google.protobuf.Empty", "{}")));
        assertEquals(Code.UNKNOWN, unknown.getCode());
        assertEquals("update resources must be of type *WindowsResources or *LinuxResources", unknown.getDescription());
        assertEquals(Code.UNKNOWN, code(() -> tasks.update(resources("u2", "x", "{not json"))), "the type decides first");
        io.grpc.Status windows = status(() -> tasks.update(resources("u2", Task.WINDOWS_RESOURCES_URL,
                "{\"memory\":{\"limit\":1048576}}")));
        assertEquals(Code.UNKNOWN, windows.getCode());
        assertEquals("must have resources be non-nil and type *LinuxResources when updating a lcow container",
                windows.getDescription());
    }

    @Test
    void anOomKillIsPublishedOnceBeforeTheExitOfTheProcessItKilled() throws Exception {
        tasks.create(create("o1", bundle("o1", "sleep", "30")).build());
        tasks.start("o1", "");
        LocalProcessBackend.LocalContainer c = backend.containers.get(0);
        tasks.exec(ExecProcessRequest.newBuilder().setId("o1").setExecId("e1").setSpec(processSpec("sleep", "30")).build());
        tasks.start("o1", "e1");
        tasks.exec(ExecProcessRequest.newBuilder().setId("o1").setExecId("e2").setSpec(processSpec("sleep", "30")).build());
        tasks.start("o1", "e2");
        c.oomKills = 1; // the kernel's OOM killer: a SIGKILL, counted by the memory cgroup
        tasks.kill(KillRequest.newBuilder().setId("o1").setExecId("e1").setSignal(9).build());
        await("o1", "e1");
        tasks.kill(KillRequest.newBuilder().setId("o1").setExecId("e2").setSignal(9).build());
        await("o1", "e2");
        List<String> afterExecs = events.topics();
        assertEquals(List.of("/tasks/oom", "/tasks/exit", "/tasks/exit"),
                afterExecs.subList(afterExecs.indexOf("/tasks/oom"), afterExecs.size()),
                "one OOM event for one kill, before the exit of the process it killed");
        c.oomKills = 2;
        tasks.kill(KillRequest.newBuilder().setId("o1").setSignal(9).build());
        await("o1", "");
        List<RecordingPublisher.Event> all = events.events();
        assertEquals("/tasks/exit", all.get(all.size() - 1).topic());
        assertEquals("/tasks/oom", all.get(all.size() - 2).topic());
        assertEquals("o1", ((io.hcs4j.shim.api.events.TaskOOM) all.get(all.size() - 2).message()).getContainerId());
        assertEquals(2, events.topics().stream().filter("/tasks/oom"::equals).count());
    }

    @Test
    void aKillWithoutAnOomKillPublishesNoOomEvent() throws Exception {
        tasks.create(create("o2", bundle("o2", "sleep", "30")).build());
        tasks.start("o2", "");
        tasks.kill(KillRequest.newBuilder().setId("o2").setSignal(9).build());
        assertEquals(137, await("o2", "").getExitStatus());
        assertFalse(events.topics().contains("/tasks/oom"));
    }

    @Test
    void pidsAndStatsUseTheConfiguredWireTypes() throws Exception {
        tasks.create(create("p1", bundle("p1", "sleep", "30")).build());
        int pid = tasks.start("p1", "");
        var pids = tasks.pids("p1");
        assertEquals(pid, pids.getProcesses(0).getPid());
        assertEquals("containerd.runc.v1.ProcessDetails", pids.getProcesses(0).getInfo().getTypeUrl());
        assertEquals("io.containerd.cgroups.v1.Metrics", tasks.stats("p1").getStats().getTypeUrl());
        Tasks runhcs = new Tasks(new Backends(backend, null), events, "test", Options.getDefaultInstance(), WireTypes.RUNHCS);
        runhcs.create(create("p2", bundle("p2", "sleep", "30")).build());
        runhcs.start("p2", "");
        try {
            assertEquals("containerd.runhcs.v1.ProcessDetails", runhcs.pids("p2").getProcesses(0).getInfo().getTypeUrl());
            var stats = io.hcs4j.shim.api.runhcs.Statistics.parseFrom(runhcs.stats("p2").getStats().getValue());
            assertEquals(4096, stats.getLinux().getMemory().getUsage().getUsage());
        } finally {
            runhcs.closeAll();
        }
    }

    @Test
    void linuxPathMissingIsUnimplementedWithTheReason() throws Exception {
        Tasks none = new Tasks(new Backends(null, "no utility VM here"), events, "test", Options.getDefaultInstance(), WireTypes.LINUX);
        io.grpc.Status e = status(
                () -> none.create(create("x", bundle("x", "true")).build()));
        assertEquals(Code.UNIMPLEMENTED, e.getCode());
        assertTrue(e.getDescription().contains("no utility VM here"));
    }

    @Test
    void createThatTheBackendCannotServeIsUnimplementedWithItsReason() throws Exception {
        ContainerBackend refusing = new ContainerBackend() {
            @Override
            public String name() {
                return "refusing";
            }

            @Override
            public Container create(ContainerSpec spec) {
                throw new UnsupportedOperationException("read-only root filesystems are not supported");
            }
        };
        Tasks t = new Tasks(new Backends(refusing, null), events, "test", Options.getDefaultInstance(), WireTypes.LINUX);
        io.grpc.Status e = status(
                () -> t.create(create("r1", bundle("r1", "true")).build()));
        assertEquals(Code.UNIMPLEMENTED, e.getCode());
        assertEquals("creating r1 on the refusing path: read-only root filesystems are not supported",
                e.getDescription());
        assertTrue(t.isEmpty(), "no task is left behind");
        assertTrue(events.topics().isEmpty(), "no event for a refused create");
    }

    @Test
    void anLcowSpecWithAWindowsSectionGoesToTheLinuxPathWithTheRuntimeOptionsAndRefusalsKeepTheirKind() throws Exception {
        List<ContainerSpec> seen = new java.util.ArrayList<>();
        ContainerBackend linux = new ContainerBackend() {
            @Override
            public String name() {
                return "lcow";
            }

            @Override
            public Container create(ContainerSpec spec) throws IOException {
                seen.add(spec);
                throw io.hcs4j.shim.runtime.SpecException.precondition("the layer C:\\l\\layer.vhd is missing", null);
            }
        };
        Tasks t = new Tasks(new Backends(linux, null), events, "test", Options.getDefaultInstance(), WireTypes.LINUX);
        // containerd on Windows: a Linux spec that also carries a windows section (layer folders, network).
        Path b = bundleJson("l1", "{\"process\":{\"args\":[\"sh\"]},\"linux\":{},"
                + "\"windows\":{\"layerFolders\":[\"C:\\\\l\",\"C:\\\\s\"],\"network\":{}}}");
        Options options = Options.newBuilder().setVmMemorySizeInMb(2048).setSandboxPlatform("linux/amd64").build();
        io.grpc.Status e = status(() -> t.create(create("l1", b).setOptions(Any.pack(options)
                .toBuilder().setTypeUrl("containerd.runhcs.v1.Options").build()).build()));
        assertEquals(Code.FAILED_PRECONDITION, e.getCode());
        assertTrue(e.getDescription().contains("C:\\l\\layer.vhd"), e.getDescription());
        assertEquals(1, seen.size(), "the Linux path was asked");
        assertEquals("2048", seen.get(0).annotations().get(io.hcs4j.uvm.VmAnnotations.MEMORY_SIZE_IN_MB),
                "with the request's runtime options, filled into its annotations");
    }
}
