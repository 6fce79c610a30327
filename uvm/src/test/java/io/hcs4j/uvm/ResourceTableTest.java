package io.hcs4j.uvm;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ResourceTableTest {

    @Test
    void theSameResourceIsAddedOnceAndRemovedAtTheLastClose() throws IOException {
        List<String> log = new ArrayList<>();
        ResourceTable table = new ResourceTable();
        ResourceTable.Adder adder = () -> {
            log.add("add");
            return () -> log.add("remove");
        };
        Resource a = table.acquire("scsi:x.vhdx", "/mnt/x", adder);
        Resource b = table.acquire("scsi:x.vhdx", "/mnt/ignored", adder);
        assertEquals("/mnt/x", b.guestPath());
        assertEquals(2, table.count("scsi:x.vhdx"));
        a.close();
        a.close(); // a handle counts once
        assertEquals(List.of("add"), log);
        b.close();
        assertEquals(List.of("add", "remove"), log);
        assertEquals(0, table.count("scsi:x.vhdx"));
    }

    @Test
    void aFailedAddLeavesNothingBehind() throws IOException {
        ResourceTable table = new ResourceTable();
        assertThrows(IOException.class, () -> table.acquire("k", "/p", () -> {
            throw new IOException("HCS said no");
        }));
        assertEquals(0, table.count("k"));
        List<String> log = new ArrayList<>();
        table.acquire("k", "/p", () -> () -> log.add("remove")).close();
        assertEquals(List.of("remove"), log);
    }
}
