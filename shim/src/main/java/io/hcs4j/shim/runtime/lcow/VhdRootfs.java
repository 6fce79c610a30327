package io.hcs4j.shim.runtime.lcow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hcs4j.ext4.VhdFooter;
import io.hcs4j.schema.Json;
import io.hcs4j.shim.runtime.ContainerSpec;
import io.hcs4j.shim.runtime.SpecException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A container's rootfs as containerd on Windows hands it over, as VHD files, in hcsshim's two forms: one rootfs
 * mount of type {@code lcow-layer} (the windows-lcow snapshotter: Source is the snapshot directory, holding the
 * scratch {@code sandbox.vhdx}, or {@code layer.vhd} for a read-only view; options {@code rw}/{@code ro} and
 * {@code parentLayerPaths=<JSON array of layer directories>}, topmost first), or the spec's
 * {@code windows.layerFolders} (the layer directories, topmost first, then the scratch directory). Each layer
 * directory holds a {@code layer.vhd}: ext4 in a fixed VHD. Everything is checked before anything is attached:
 * a bad mount is InvalidArgument, a missing or broken file FailedPrecondition, each naming the path.
 *
 * @param layers  the read-only layers' VHD files, topmost first
 * @param scratch the scratch disk (symbolic links resolved: a scratch shared with the pod's sandbox is its file),
 *                or null for a read-only view, which has none
 */
record VhdRootfs(List<Path> layers, Path scratch) {
    static final String LCOW_LAYER = "lcow-layer";
    static final String PARENT_LAYER_PATHS = "parentLayerPaths=";
    static final String LAYER_VHD = "layer.vhd";
    static final String SCRATCH_VHDX = "sandbox.vhdx";
    private static final byte[] VHDX_SIGNATURE = "vhdxfile".getBytes(StandardCharsets.US_ASCII);
    private static final int EXT4_SUPERBLOCK = 1024;
    private static final short EXT4_MAGIC = (short) 0xEF53;

    /** Whether the rootfs comes as VHDs: an {@code lcow-layer} mount, or layer folders in the spec. */
    static boolean isVhdRootfs(ContainerSpec spec, List<String> layerFolders) {
        return !layerFolders.isEmpty() || spec.layers().stream().anyMatch(m -> m.type().equals(LCOW_LAYER));
    }

    /** The checked VHD rootfs of {@code spec}, whose rootfs {@link #isVhdRootfs} is. */
    static VhdRootfs of(ContainerSpec spec, List<String> layerFolders) throws SpecException {
        List<ContainerSpec.Layer> mounts = spec.layers();
        if (!layerFolders.isEmpty()) {
            if (!mounts.isEmpty()) {
                throw SpecException.invalid("the spec's windows.layerFolders and rootfs mounts were both given; "
                        + "hcsshim takes one or the other");
            }
            List<Path> layers = new ArrayList<>();
            for (String folder : layerFolders.subList(0, layerFolders.size() - 1)) {
                layers.add(layerVhd(folder));
            }
            return checked(layers, scratch(Path.of(layerFolders.get(layerFolders.size() - 1))));
        }
        if (mounts.size() != 1) {
            throw SpecException.invalid("expected one lcow-layer rootfs mount, got " + mounts.size() + " mounts");
        }
        ContainerSpec.Layer m = mounts.get(0);
        if (m.source().isEmpty()) {
            throw SpecException.invalid("lcow-layer rootfs mount without a source");
        }
        List<String> parents = null;
        boolean readOnly = false;
        for (String option : m.options()) {
            if (option.startsWith(PARENT_LAYER_PATHS)) {
                parents = parentLayerPaths(option.substring(PARENT_LAYER_PATHS.length()));
            } else if (option.equals("ro")) {
                readOnly = true;
            }
        }
        List<Path> layers = new ArrayList<>();
        Path source = Path.of(m.source());
        Path scratch = null;
        if (readOnly && !Files.exists(source.resolve(SCRATCH_VHDX))) {
            layers.add(layerVhd(m.source())); // a view: its own layer on top, no scratch
        } else {
            scratch = scratch(source);
        }
        for (String parent : parents == null ? List.<String>of() : parents) {
            layers.add(layerVhd(parent));
        }
        return checked(layers, scratch);
    }

    private static List<String> parentLayerPaths(String json) throws SpecException {
        JsonNode array;
        try {
            array = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw SpecException.invalid("lcow-layer option parentLayerPaths is not JSON: " + json);
        }
        if (array == null || !array.isArray()) {
            throw SpecException.invalid("lcow-layer option parentLayerPaths is not a JSON array: " + json);
        }
        List<String> paths = new ArrayList<>();
        for (JsonNode p : array) {
            if (!p.isTextual() || p.asText().isEmpty()) {
                throw SpecException.invalid("lcow-layer option parentLayerPaths holds " + p + ", not a layer path");
            }
            paths.add(p.asText());
        }
        return paths;
    }

    private static Path layerVhd(String folder) {
        return Path.of(folder).resolve(LAYER_VHD);
    }

    /** The scratch disk of a snapshot directory, its symbolic link resolved as hcsshim resolves it. */
    private static Path scratch(Path dir) throws SpecException {
        Path file = dir.resolve(SCRATCH_VHDX);
        try {
            return file.toRealPath();
        } catch (IOException e) {
            throw SpecException.precondition("the scratch " + file + " is missing", e);
        }
    }

    /** Each layer a fixed VHD; the scratch a VHDX or an ext4 disk image no smaller than its file system. */
    private static VhdRootfs checked(List<Path> layers, Path scratch) throws SpecException {
        for (Path layer : layers) {
            if (!Files.isRegularFile(layer)) {
                throw SpecException.precondition("the layer " + layer + " is missing", null);
            }
            try {
                VhdFooter.read(layer);
            } catch (IOException e) {
                throw SpecException.precondition("the layer " + layer + " is no fixed VHD: " + e.getMessage(), e);
            }
        }
        if (scratch != null) {
            checkScratch(scratch);
        }
        return new VhdRootfs(List.copyOf(layers), scratch);
    }

    private static void checkScratch(Path scratch) throws SpecException {
        long size;
        ByteBuffer head = ByteBuffer.allocate(EXT4_SUPERBLOCK + 64).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(scratch, StandardOpenOption.READ)) {
            size = channel.size();
            while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
                // until the header is read or the file ends
            }
        } catch (IOException e) {
            throw SpecException.precondition("cannot read the scratch " + scratch + ": " + e.getMessage(), e);
        }
        byte[] signature = new byte[VHDX_SIGNATURE.length];
        head.get(0, signature);
        if (Arrays.equals(signature, VHDX_SIGNATURE)) {
            return;
        }
        if (head.hasRemaining() || head.getShort(EXT4_SUPERBLOCK + 56) != EXT4_MAGIC) {
            throw SpecException.precondition("the scratch " + scratch + " (" + size + " bytes) is neither a VHDX "
                    + "nor an ext4 disk image", null);
        }
        long blocks = Integer.toUnsignedLong(head.getInt(EXT4_SUPERBLOCK + 4));
        long blockSize = 1024L << head.getInt(EXT4_SUPERBLOCK + 24);
        if (blocks * blockSize > size) {
            throw SpecException.precondition("the scratch " + scratch + " has the wrong size: its file system needs "
                    + blocks * blockSize + " bytes, the file has " + size, null);
        }
    }
}
