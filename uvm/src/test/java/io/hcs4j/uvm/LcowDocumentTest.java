package io.hcs4j.uvm;

import com.fasterxml.jackson.databind.JsonNode;
import io.hcs4j.schema.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LcowDocumentTest {

    private static JsonNode json(LcowOptions o) {
        return Json.tree(Json.write(LcowDocument.build(o)));
    }

    private static LcowOptions defaults() {
        LcowOptions o = new LcowOptions("t1@vm");
        o.processorCount = 2;
        o.bootFilesPath = "C:\\Program Files\\Linux Containers";
        return o;
    }

    @Test
    void defaultDocumentIsKernelDirectWithInitrdLikeHcsshim() {
        String expected = """
                {"Owner":"hcs4j","SchemaVersion":{"Major":2,"Minor":1},
                 "VirtualMachine":{"StopOnReset":true,
                  "Chipset":{"LinuxKernelDirect":{
                    "KernelFilePath":"C:\\\\Program Files\\\\Linux Containers\\\\kernel",
                    "InitRdPath":"C:\\\\Program Files\\\\Linux Containers\\\\initrd.img",
                    "KernelCmdLine":" initcall_blacklist=virtio_vsock_init 8250_core.nr_uarts=0 panic=-1 quiet pci=off nr_cpus=2 brd.rd_nr=0 pmtmr=0 -- -e 1 /bin/vsockexec -e 109 /bin/gcs -v4 -log-format json -loglevel info"}},
                  "ComputeTopology":{"Memory":{"SizeInMB":1024,"AllowOvercommit":true},"Processor":{"Count":2}},
                  "Devices":{"Scsi":{"df6d0690-79e5-55b6-a5ec-c1e2f77f580a":{}},
                   "VirtualPMem":{"MaximumCount":64,"MaximumSizeBytes":4294967296},
                   "HvSocket":{"HvSocketConfig":{"DefaultBindSecurityDescriptor":"D:P(A;;FA;;;SY)(A;;FA;;;BA)"}},
                   "Plan9":{}}},
                 "ShouldTerminateOnLastHandleClosed":true}""";
        assertEquals(Json.tree(expected), json(defaults()));
    }

    @Test
    void uefiBootPassesTheInitrdOnTheCommandLine() {
        LcowOptions o = defaults();
        o.kernelDirect = false;
        JsonNode boot = json(o).path("VirtualMachine").path("Chipset").path("Uefi").path("BootThis");
        assertEquals("\\kernel", boot.path("DevicePath").asText());
        assertEquals("VmbFs", boot.path("DeviceType").asText());
        assertEquals(o.bootFilesPath, boot.path("VmbFsRootPath").asText());
        assertTrue(boot.path("OptionalData").asText().startsWith("initrd=/initrd.img initcall_blacklist"));
    }

    @Test
    void vhdRootFsGoesOnVpmemOrScsi(@TempDir Path boot) throws Exception {
        Files.createFile(boot.resolve("rootfs.vhd"));
        Files.createFile(boot.resolve("vmlinux"));
        LcowOptions o = defaults().bootFilesPath(boot);
        assertEquals("vmlinux", o.kernelFile);
        JsonNode vm = json(o).path("VirtualMachine");
        JsonNode pmem = vm.path("Devices").path("VirtualPMem").path("Devices").path("0");
        assertEquals(boot.resolve("rootfs.vhd").toString(), pmem.path("HostPath").asText());
        assertEquals("Vhd1", pmem.path("ImageFormat").asText());
        assertTrue(vm.path("Chipset").path("LinuxKernelDirect").path("KernelCmdLine").asText()
                .startsWith("root=/dev/pmem0 ro rootwait init=/init"));
        assertFalse(vm.path("Chipset").path("LinuxKernelDirect").has("InitRdPath"));

        o.vpmemDeviceCount = 0;
        JsonNode scsi = json(o).path("VirtualMachine").path("Devices").path("Scsi")
                .path(LcowDocument.SCSI_CONTROLLER_IDS.get(0)).path("Attachments").path("0");
        assertEquals("VirtualDisk", scsi.path("Type").asText());
        assertTrue(scsi.path("ReadOnly").asBoolean());
    }

    @Test
    void consolePipeKeepsAShellAndSkipsPanicReboot() {
        LcowOptions o = defaults();
        o.consolePipe = "\\\\.\\pipe\\vmconsole";
        JsonNode vm = json(o).path("VirtualMachine");
        assertEquals(o.consolePipe, vm.path("Devices").path("ComPorts").path("0").path("NamedPipe").asText());
        String cmd = vm.path("Chipset").path("LinuxKernelDirect").path("KernelCmdLine").asText();
        assertTrue(cmd.contains("console=ttyS0,115200") && !cmd.contains("panic=-1"), cmd);
        assertTrue(cmd.endsWith("-- -e 1 sh -c \"/bin/vsockexec -e 109 /bin/gcs -v4 -log-format json -loglevel info & exec sh\""), cmd);
    }

    @Test
    void badCountsAreRejected() {
        LcowOptions o = defaults();
        o.vpmemDeviceCount = 129;
        assertEquals("vPMem device count must be 0..128, not 129",
                assertThrows(IllegalArgumentException.class, () -> LcowDocument.build(o)).getMessage());
        LcowOptions p = defaults();
        p.scsiControllerCount = 5;
        assertThrows(IllegalArgumentException.class, () -> LcowDocument.build(p));
    }
}
