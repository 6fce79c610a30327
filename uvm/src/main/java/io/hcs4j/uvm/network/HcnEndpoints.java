package io.hcs4j.uvm.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.platform.win32.Ole32;
import com.sun.jna.ptr.PointerByReference;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.guest.LCOWIPConfig;
import io.hcs4j.schema.guest.LCOWNetworkAdapter;
import io.hcs4j.schema.guest.LCOWRoute;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Looks HNS v2 endpoints up through computenetwork.dll (Windows only). */
public final class HcnEndpoints implements EndpointLookup {

    @Override
    public Endpoint lookup(String endpointId) throws IOException {
        ComputeNetwork hcn = ComputeNetwork.Holder.INSTANCE;
        PointerByReference handle = new PointerByReference();
        PointerByReference error = new PointerByReference();
        check(hcn.HcnOpenEndpoint(Guid.GUID.fromString("{" + endpointId + "}"), handle, error),
                "HcnOpenEndpoint " + endpointId, error);
        try {
            PointerByReference properties = new PointerByReference();
            check(hcn.HcnQueryEndpointProperties(handle.getValue(), new WString("{}"), properties, error),
                    "HcnQueryEndpointProperties " + endpointId, error);
            return parse(take(properties.getValue()));
        } finally {
            hcn.HcnCloseEndpoint(handle.getValue());
        }
    }

    private static void check(int hr, String what, PointerByReference error) throws IOException {
        String record = take(error.getValue());
        if (hr != 0) {
            throw new IOException(what + " failed: HRESULT " + String.format("0x%08x", hr)
                    + (record == null ? "" : ": " + record));
        }
    }

    /** Reads and frees a string HCN allocated (CoTaskMemAlloc). */
    private static String take(Pointer p) {
        if (p == null) {
            return null;
        }
        try {
            return p.getWideString(0);
        } finally {
            Ole32.INSTANCE.CoTaskMemFree(p);
        }
    }

    /** An HNS v2 HostComputeEndpoint document as the endpoint the VM and its guest need. */
    public static Endpoint parse(String properties) throws IOException {
        JsonNode e = Json.tree(properties);
        String id = e.path("ID").asText("");
        if (id.isEmpty()) {
            throw new IOException("HNS endpoint document without an ID: " + properties);
        }
        LCOWNetworkAdapter adapter = new LCOWNetworkAdapter();
        adapter.id = id;
        adapter.namespaceId = e.path("HostComputeNamespace").asText(null);
        adapter.macAddress = e.path("MacAddress").asText(null);
        adapter.dnsSuffix = e.path("Dns").path("Domain").asText(null);
        List<String> servers = new ArrayList<>();
        e.path("Dns").path("ServerList").forEach(s -> servers.add(s.asText()));
        adapter.dnsServerList = servers.isEmpty() ? null : String.join(",", servers);
        adapter.ipConfigs = new ArrayList<>();
        for (JsonNode ip : e.path("IpConfigurations")) {
            LCOWIPConfig config = new LCOWIPConfig();
            config.ipAddress = ip.path("IpAddress").asText();
            config.prefixLength = ip.path("PrefixLength").asInt();
            adapter.ipConfigs.add(config);
        }
        adapter.routes = new ArrayList<>();
        for (JsonNode r : e.path("Routes")) {
            LCOWRoute route = new LCOWRoute();
            route.nextHop = r.path("NextHop").asText();
            route.destinationPrefix = r.path("DestinationPrefix").asText();
            route.metric = r.path("Metric").asInt();
            adapter.routes.add(route);
        }
        return new Endpoint(id, adapter.macAddress, adapter);
    }
}
