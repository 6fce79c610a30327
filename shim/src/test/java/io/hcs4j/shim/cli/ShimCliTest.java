package io.hcs4j.shim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import io.hcs4j.shim.api.task.DeleteResponse;
import org.junit.jupiter.api.Test;

class ShimCliTest {

    @Test
    void parsesContainerdsStartCommandLine() {
        ShimFlags f = ShimFlags.parse(new String[] {"-namespace", "k8s.io", "-address", "/run/containerd/containerd.sock",
                "-publish-binary", "/usr/bin/containerd", "-id", "abc", "-debug", "start"});
        assertEquals("k8s.io", f.namespace());
        assertEquals("/run/containerd/containerd.sock", f.address());
        assertEquals("abc", f.id());
        assertTrue(f.debug());
        assertEquals("start", f.action());
        ShimFlags d = ShimFlags.parse(new String[] {"--id=x", "-bundle=/b", "delete"});
        assertEquals("x", d.id());
        assertEquals("/b", d.bundle());
        assertEquals("delete", d.action());
    }

    @Test
    void rejectsBadCommandLines() {
        assertThrows(IllegalArgumentException.class, () -> ShimFlags.parse(new String[] {"-id"}));
        assertThrows(IllegalArgumentException.class, () -> ShimFlags.parse(new String[] {"-bogus", "x", "start"}));
        assertThrows(IllegalArgumentException.class, () -> ShimFlags.parse(new String[] {"-id", "x"}));
        assertThrows(IllegalArgumentException.class, () -> ShimFlags.parse(new String[] {"start", "extra"}));
    }

    @Test
    void handEncodedDeleteResponseMatchesTheGeneratedMessage() throws Exception {
        byte[] bytes = DeleteResponseEncoder.encode(0, 255, 1_700_000_000L, 123_456_789);
        DeleteResponse expected = DeleteResponse.newBuilder().setExitStatus(255)
                .setExitedAt(Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(123_456_789)).build();
        assertEquals(expected, DeleteResponse.parseFrom(bytes));
        assertEquals(expected.toByteString(), com.google.protobuf.ByteString.copyFrom(bytes));
        DeleteResponse withPid = DeleteResponse.newBuilder().setPid(42).setExitStatus(137)
                .setExitedAt(Timestamp.getDefaultInstance()).build();
        assertEquals(withPid.toByteString(), com.google.protobuf.ByteString.copyFrom(DeleteResponseEncoder.encode(42, 137, 0, 0)));
    }

    @Test
    void findsCriAnnotationsWithoutAJsonLibrary() {
        String json = "{\"annotations\" : {\"io.kubernetes.cri.container-type\" :\n \"container\","
                + "\"io.kubernetes.cri.sandbox-id\":\"sb\\u0031\\\"x\"}, \"process\":{}}";
        assertEquals("container", Annotations.find(json, "io.kubernetes.cri.container-type"));
        assertEquals("sb1\"x", Annotations.find(json, "io.kubernetes.cri.sandbox-id"));
        assertNull(Annotations.find(json, "missing"));
        assertNull(Annotations.find("{\"k\": 5}", "k"));
        assertNull(Annotations.find("{\"k\": \"unterminated", "k"));
    }

    @Test
    void socketAddressIsStableShortAndDistinct() {
        String a = ShimAddress.socketPath("/run/containerd/containerd.sock", "default", "x".repeat(64)).toString();
        assertEquals(a, ShimAddress.socketPath("/run/containerd/containerd.sock", "default", "x".repeat(64)).toString());
        assertTrue(a.length() < 108, a);
        assertTrue(!a.equals(ShimAddress.socketPath("/run/containerd/containerd.sock", "k8s.io", "x".repeat(64)).toString()));
        assertTrue(!a.equals(ShimAddress.socketPath("/other.sock", "default", "x".repeat(64)).toString()));
    }
}
