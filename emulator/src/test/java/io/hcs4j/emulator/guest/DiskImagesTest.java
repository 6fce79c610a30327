package io.hcs4j.emulator.guest;

import io.hcs4j.ext4.VhdFooter;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.schema.guest.LCOWMappedVPMemDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which device files the emulated guest takes for disks, and how much of each is the disk. */
class DiskImagesTest {
    @TempDir
    Path work;

    /** A file with an ext4 superblock magic where ext4 keeps it. */
    private Path ext4(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        bytes[1024 + 56] = 0x53;
        bytes[1024 + 57] = (byte) 0xEF;
        return Files.write(work.resolve(name), bytes);
    }

    @Test
    void rawExt4IsAllDiskAndAFixedVhdIsTheDataBeforeItsFooter() throws IOException {
        Path raw = ext4("raw.img", 8192);
        assertEquals(new DiskImages.Image(raw, 8192), DiskImages.probe(raw));
        Path vhd = ext4("layer.vhd", 8192);
        VhdFooter.append(vhd);
        assertEquals(new DiskImages.Image(vhd, 8192), DiskImages.probe(vhd));
        assertNull(DiskImages.probe(Files.writeString(work.resolve("text"), "not really a VHD")));
        assertNull(DiskImages.probe(Files.createDirectories(work.resolve("dir"))));
    }

    @Test
    void aCorruptFooterIsAnErrorNamingTheFile() throws IOException {
        Path vhd = ext4("layer.vhd", 8192);
        VhdFooter.append(vhd);
        try (RandomAccessFile f = new RandomAccessFile(vhd.toFile(), "rw")) {
            f.seek(8192 + 70);
            f.write(0x5A);
        }
        IOException e = assertThrows(IOException.class, () -> DiskImages.probe(vhd));
        assertTrue(e.getMessage().contains(vhd.toString()), e.getMessage());
    }

    @Test
    void withoutRootADiskImageIsRefusedAndNothingIsLeftAtTheMountPath() throws Exception {
        Path devices = Files.createDirectories(work.resolve("devices/vpmem"));
        Path image = ext4("layer.img", 8192);
        Files.createSymbolicLink(devices.resolve("0"), image);
        GuestMounts mounts = new GuestMounts(false, work.resolve("devices"));
        LCOWMappedVPMemDevice device = new LCOWMappedVPMemDevice();
        device.deviceNumber = 0;
        device.mountPath = work.resolve("run/layers/p0").toString();
        GuestError e = assertThrows(GuestError.class, () -> mounts.add(device));
        assertEquals(HResults.E_FAIL, e.hresult);
        assertTrue(e.getMessage().contains(image + " cannot be mounted: the guest does not run as root"),
                e.getMessage());
        assertFalse(Files.exists(work.resolve("run/layers/p0")));
        // Nothing was mapped, so there is nothing to remove.
        assertEquals(HResults.E_ELEMENT_NOT_FOUND, assertThrows(GuestError.class, () -> mounts.remove(device)).hresult);
    }
}
