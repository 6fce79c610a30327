package io.hcs4j.cow.hcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hcs4j.schema.Json;
import io.hcs4j.schema.oci.Spec;
import io.hcs4j.schema.v2.Layer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerDocumentsTest {
    private static final String FULL_SPEC = """
            {"ociVersion":"1.1.0","hostname":"web1",
             "process":{"args":["cmd","/c","echo hi"],"cwd":"C:\\\\"},
             "root":{"path":""},
             "mounts":[
               {"destination":"C:\\\\data","source":"C:\\\\host\\\\data","options":["ro"]},
               {"destination":"C:\\\\logs","type":"bind","source":"C:\\\\host\\\\logs"},
               {"destination":"\\\\\\\\.\\\\pipe\\\\docker_engine","source":"\\\\\\\\.\\\\pipe\\\\docker_engine"}],
             "windows":{
               "layerFolders":["C:\\\\layers\\\\app","C:\\\\layers\\\\base","C:\\\\layers\\\\scratch"],
               "resources":{"memory":{"limit":536870912},"cpu":{"count":2,"shares":500,"maximum":5000},
                            "storage":{"iops":100,"bps":1048576,"sandboxSize":21474836480}},
               "network":{"endpointList":["ep-1","ep-2"],"allowUnqualifiedDNSQuery":true,
                          "DNSSearchList":["corp.example","example"],"networkSharedContainerName":"pod1",
                          "networkNamespace":"ns-guid"}}}
            """;

    private static ContainerDocuments.Layers layers() {
        Layer app = new Layer();
        app.id = "11111111-1111-1111-1111-111111111111";
        app.path = "C:\\layers\\app";
        Layer base = new Layer();
        base.id = "22222222-2222-2222-2222-222222222222";
        base.path = "C:\\layers\\base";
        return new ContainerDocuments.Layers("\\\\?\\Volume{abc}\\", "C:\\layers\\scratch", List.of(app, base));
    }

    /**
     * The HostedSystem document of a container in a Windows utility VM, against the document hcsshim builds for the
     * same spec (internal/hcsoci: createWindowsContainerDocument for a hosting system, wrapped by CreateContainer in
     * HostedSystem{SchemaVersion 2.1, Container}). Worked through by hand from that code:
     * <ul>
     * <li>Storage.Path is Spec.Root.Path, which allocateWindowsResources set to the combined rootfs in the VM (the
     * scratch disk's mount, c:\mounts\scsi\m0); Storage.Layers are the VSMB guest paths with NameToGuid ids.</li>
     * <li>GuestOs from the hostname; Memory.SizeInMB from windows.resources.memory.limit (512 MiB).</li>
     * <li>Processor always set from ConvertCPULimits with the VM's processor count as the ceiling: count 4 is
     * clamped to the VM's 2; maximum and weight (shares) as given.</li>
     * <li>Networking from windows.network, without the endpoint list (that goes to schema1 only; the VM holds the
     * endpoints), Namespace the pod's.</li>
     * <li>RegistryChanges: always WaitToKillServiceTimeout = MaxInt32 (a string) under System ControlSet001\Control.</li>
     * <li>No mounts, devices or device extensions: those fields are empty and omitted (omitempty).</li>
     * </ul>
     */
    @Test
    void hostedSystemDocumentMatchesHcsshimsForTheSameSpec() {
        Spec spec = Json.read("""
                {"ociVersion":"1.1.0","hostname":"web1","process":{"args":["cmd"]},"root":{"path":""},
                 "windows":{"layerFolders":["C:\\\\layers\\\\app","C:\\\\layers\\\\base","C:\\\\layers\\\\scratch"],
                   "hyperv":{},
                   "resources":{"memory":{"limit":536870912},"cpu":{"count":4,"shares":500,"maximum":5000}},
                   "network":{"endpointList":["ep-1"],"allowUnqualifiedDNSQuery":true,"DNSSearchList":["corp.example"],
                              "networkNamespace":"ns-guid"}}}
                """, Spec.class);
        Layer app = new Layer();
        app.id = "11111111-1111-1111-1111-111111111111";
        app.path = "\\\\?\\VMSMB\\VSMB-{dcc079ae-60ba-4d07-847c-3493609c0870}\\s1";
        Layer base = new Layer();
        base.id = "22222222-2222-2222-2222-222222222222";
        base.path = "\\\\?\\VMSMB\\VSMB-{dcc079ae-60ba-4d07-847c-3493609c0870}\\s2";
        String json = Json.write(ContainerDocuments.hosted(spec,
                new ContainerDocuments.Layers("c:\\mounts\\scsi\\m0", "C:\\layers\\scratch", List.of(app, base)), 2));
        String hcsshim = """
                {"SchemaVersion":{"Major":2,"Minor":1},
                 "Container":{"GuestOs":{"HostName":"web1"},
                  "Storage":{"Layers":[
                    {"Id":"11111111-1111-1111-1111-111111111111","Path":"\\\\\\\\?\\\\VMSMB\\\\VSMB-{dcc079ae-60ba-4d07-847c-3493609c0870}\\\\s1"},
                    {"Id":"22222222-2222-2222-2222-222222222222","Path":"\\\\\\\\?\\\\VMSMB\\\\VSMB-{dcc079ae-60ba-4d07-847c-3493609c0870}\\\\s2"}],
                   "Path":"c:\\\\mounts\\\\scsi\\\\m0"},
                  "Memory":{"SizeInMB":512},
                  "Processor":{"Count":2,"Maximum":5000,"Weight":500},
                  "Networking":{"AllowUnqualifiedDnsQuery":true,"DnsSearchList":"corp.example","Namespace":"ns-guid"},
                  "RegistryChanges":{"AddValues":[{"Key":{"Hive":"System","Name":"ControlSet001\\\\Control"},
                    "Name":"WaitToKillServiceTimeout","Type":"String","StringValue":"2147483647"}]}}}""";
        assertEquals(Json.tree(hcsshim), Json.tree(json));
    }

    @Test
    void aHostedContainerWithoutLimitsStillCarriesAnEmptyProcessorAndRefusesMounts() {
        Spec spec = Json.read("{\"windows\":{\"hyperv\":{}}}", Spec.class);
        ContainerDocuments.Layers l = new ContainerDocuments.Layers("c:\\mounts\\scsi\\m0", "s", List.of());
        assertEquals("{}", Json.write(ContainerDocuments.hosted(spec, l, 2).container.processor));
        Spec withMount = Json.read("{\"mounts\":[{\"destination\":\"C:\\\\d\",\"source\":\"C:\\\\h\"}],"
                + "\"windows\":{\"hyperv\":{}}}", Spec.class);
        assertThrows(IllegalArgumentException.class, () -> ContainerDocuments.hosted(withMount, l, 2));
    }

    @Test
    void schema2DocumentCarriesEveryWindowsSetting() {
        Spec spec = Json.read(FULL_SPEC, Spec.class);
        String json = Json.write(ContainerDocuments.v2("hcs4j-runhcs", spec, layers()));
        assertEquals("{\"Owner\":\"hcs4j-runhcs\",\"SchemaVersion\":{\"Major\":2,\"Minor\":1},"
                + "\"Container\":{\"GuestOs\":{\"HostName\":\"web1\"},"
                + "\"Storage\":{\"Layers\":["
                + "{\"Id\":\"11111111-1111-1111-1111-111111111111\",\"Path\":\"C:\\\\layers\\\\app\"},"
                + "{\"Id\":\"22222222-2222-2222-2222-222222222222\",\"Path\":\"C:\\\\layers\\\\base\"}],"
                + "\"Path\":\"\\\\\\\\?\\\\Volume{abc}\\\\\",\"QoS\":{\"IopsMaximum\":100,\"BandwidthMaximum\":1048576}},"
                + "\"MappedDirectories\":["
                + "{\"HostPath\":\"C:\\\\host\\\\data\",\"ContainerPath\":\"C:\\\\data\",\"ReadOnly\":true},"
                + "{\"HostPath\":\"C:\\\\host\\\\logs\",\"ContainerPath\":\"C:\\\\logs\"}],"
                + "\"MappedPipes\":[{\"ContainerPipeName\":\"docker_engine\",\"HostPath\":\"\\\\\\\\.\\\\pipe\\\\docker_engine\"}],"
                + "\"Memory\":{\"SizeInMB\":512},"
                + "\"Processor\":{\"Count\":2,\"Maximum\":5000,\"Weight\":500},"
                + "\"Networking\":{\"AllowUnqualifiedDnsQuery\":true,\"DnsSearchList\":\"corp.example,example\","
                + "\"NetworkSharedContainerName\":\"pod1\",\"Namespace\":\"ns-guid\","
                + "\"NetworkAdapters\":[\"ep-1\",\"ep-2\"]}},"
                + "\"ShouldTerminateOnLastHandleClosed\":true}", json);
    }

    @Test
    void schema1DocumentCarriesEveryWindowsSetting() {
        Spec spec = Json.read(FULL_SPEC, Spec.class);
        String json = Json.write(ContainerDocuments.v1("c1", "hcs4j-runhcs", spec, layers()));
        assertEquals("{\"SystemType\":\"Container\",\"Name\":\"c1\",\"Owner\":\"hcs4j-runhcs\","
                + "\"VolumePath\":\"\\\\\\\\?\\\\Volume{abc}\\\\\",\"LayerFolderPath\":\"C:\\\\layers\\\\scratch\","
                + "\"Layers\":[{\"ID\":\"11111111-1111-1111-1111-111111111111\",\"Path\":\"C:\\\\layers\\\\app\"},"
                + "{\"ID\":\"22222222-2222-2222-2222-222222222222\",\"Path\":\"C:\\\\layers\\\\base\"}],"
                + "\"ProcessorCount\":2,\"ProcessorWeight\":500,\"ProcessorMaximum\":5000,"
                + "\"StorageIOPSMaximum\":100,\"StorageBandwidthMaximum\":1048576,\"StorageSandboxSize\":21474836480,"
                + "\"MemoryMaximumInMB\":512,\"HostName\":\"web1\","
                + "\"MappedDirectories\":["
                + "{\"HostPath\":\"C:\\\\host\\\\data\",\"ContainerPath\":\"C:\\\\data\",\"ReadOnly\":true,"
                + "\"BandwidthMaximum\":0,\"IOPSMaximum\":0,\"CreateInUtilityVM\":false},"
                + "{\"HostPath\":\"C:\\\\host\\\\logs\",\"ContainerPath\":\"C:\\\\logs\",\"ReadOnly\":false,"
                + "\"BandwidthMaximum\":0,\"IOPSMaximum\":0,\"CreateInUtilityVM\":false}],"
                + "\"MappedPipes\":[{\"HostPath\":\"\\\\\\\\.\\\\pipe\\\\docker_engine\",\"ContainerPipeName\":\"docker_engine\"}],"
                + "\"HvPartition\":false,\"NetworkSharedContainerName\":\"pod1\",\"EndpointList\":[\"ep-1\",\"ep-2\"],"
                + "\"AllowUnqualifiedDNSQuery\":true,\"DNSSearchList\":\"corp.example,example\","
                + "\"TerminateOnLastHandleClosed\":true}", json);
    }

    @Test
    void minimalSpecGivesOnlyStorage() {
        Spec spec = Json.read("{\"ociVersion\":\"1.1.0\",\"windows\":{\"layerFolders\":[\"/l/base\",\"/l/scratch\"]}}",
                Spec.class);
        Layer base = new Layer();
        base.id = "b";
        base.path = "/l/base";
        String json = Json.write(ContainerDocuments.v2("o", spec,
                new ContainerDocuments.Layers("/l/scratch", "/l/scratch", List.of(base))));
        assertEquals("{\"Owner\":\"o\",\"SchemaVersion\":{\"Major\":2,\"Minor\":1},\"Container\":{\"Storage\":"
                + "{\"Layers\":[{\"Id\":\"b\",\"Path\":\"/l/base\"}],\"Path\":\"/l/scratch\"}},"
                + "\"ShouldTerminateOnLastHandleClosed\":true}", json);
    }

    @Test
    void specsThatCannotBeProcessIsolatedContainersAreRejected() {
        ContainerDocuments.Layers l = layers();
        Spec linux = Json.read("{\"ociVersion\":\"1.1.0\",\"linux\":{}}", Spec.class);
        assertEquals("config.json has no windows section (not a Windows container spec)",
                assertThrows(IllegalArgumentException.class, () -> ContainerDocuments.v2("o", linux, l)).getMessage());
        Spec hyperV = Json.read("{\"ociVersion\":\"1.1.0\",\"windows\":{\"hyperv\":{}}}", Spec.class);
        assertThrows(IllegalArgumentException.class, () -> ContainerDocuments.v1("c", "o", hyperV, l));
        Spec disk = Json.read("{\"ociVersion\":\"1.1.0\",\"windows\":{},\"mounts\":[{\"destination\":\"C:\\\\d\","
                + "\"type\":\"virtual-disk\",\"source\":\"C:\\\\d.vhdx\"}]}", Spec.class);
        assertEquals("mount C:\\d: type 'virtual-disk' is not supported for process-isolated containers "
                + "(use a bind mount)",
                assertThrows(IllegalArgumentException.class, () -> ContainerDocuments.v2("o", disk, l)).getMessage());
    }
}
