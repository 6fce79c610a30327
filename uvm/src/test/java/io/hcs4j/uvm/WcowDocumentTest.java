package io.hcs4j.uvm;

import io.hcs4j.schema.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WcowDocumentTest {

    @Test
    void defaultDocumentBootsFromTheOsShareWithTheScratchOnScsi00() {
        WcowOptions o = new WcowOptions("w1@vm", "C:\\layers\\base\\UtilityVM\\Files", "C:\\uvm\\sandbox.vhdx");
        o.processorCount = 2;
        String expected = """
                {"Owner":"hcs4j","SchemaVersion":{"Major":2,"Minor":1},
                 "VirtualMachine":{"StopOnReset":true,
                  "Chipset":{"Uefi":{"BootThis":{"DevicePath":"\\\\EFI\\\\Microsoft\\\\Boot\\\\bootmgfw.efi","DeviceType":"VmbFs"}}},
                  "ComputeTopology":{"Memory":{"SizeInMB":1024,"AllowOvercommit":true,"EnableHotHint":true},"Processor":{"Count":2}},
                  "Devices":{"Scsi":{"df6d0690-79e5-55b6-a5ec-c1e2f77f580a":{"Attachments":{"0":{"Type":"VirtualDisk","Path":"C:\\\\uvm\\\\sandbox.vhdx"}}}},
                   "HvSocket":{"HvSocketConfig":{"DefaultBindSecurityDescriptor":"D:P(A;;FA;;;SY)(A;;FA;;;BA)"}},
                   "VirtualSmb":{"Shares":[{"Name":"os","Path":"C:\\\\layers\\\\base\\\\UtilityVM\\\\Files",
                     "Options":{"ReadOnly":true,"ShareRead":true,"CacheIo":true,"PseudoOplocks":true,"TakeBackupPrivilege":true}}],
                    "DirectFileMappingInMB":1024}},
                  "RegistryChanges":{"AddValues":[{"Key":{"Hive":"System","Name":"CurrentControlSet\\\\Services\\\\gns"},
                    "Name":"EnableCompartmentNamespace","Type":"DWord","DWordValue":1}]}},
                 "ShouldTerminateOnLastHandleClosed":true}""";
        assertEquals(Json.tree(expected), Json.tree(Json.write(WcowDocument.build(o))));
    }

    @Test
    void osFilesAndScratchAreRequired() {
        assertThrows(IllegalArgumentException.class, () -> WcowDocument.build(new WcowOptions("w", null, "s.vhdx")));
    }
}
