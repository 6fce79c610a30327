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
