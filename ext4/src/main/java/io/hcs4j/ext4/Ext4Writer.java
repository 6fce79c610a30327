package io.hcs4j.ext4;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a compact, read-only ext4 file system in one pass, laid out as hcsshim's
 * {@code ext4/internal/compactext4} lays it out, so the same input gives the same bytes. The facts matched:
 * <ul>
 * <li>4096-byte blocks, 256-byte inodes (152 bytes of fields, {@code extra_isize} 24, the other 104 bytes for
 *     in-inode xattrs), 32768 blocks per group, 32-byte group descriptors; features: compat
 *     {@code sparse_super2, ext_attr}, incompat {@code filetype, extents, flex_bg} (+{@code inline_data} when
 *     asked), ro-compat {@code large_file, huge_file, extra_isize, readonly}; no journal, no checksums, no htree;
 *     UUID, volume name and every time in the superblock are zero; {@code s_log_groups_per_flex} 31, lost+found
 *     inode 11, first inode 11, state clean, errors "continue".</li>
 * <li>Block 0 holds the superblock at 1024; blocks 1.. the group descriptor table, sized for the maximum disk
 *     size (16 GiB by default); file data follows, in input order, each file's blocks contiguous and then its
 *     extent leaf blocks (files over 4 extents of 32768 blocks), an xattr block before the data of the file it
 *     belongs to; at the end the directories (depth first, children by inode number then name), then one inode
 *     table for all groups, then each group's block and inode bitmap, then zeros up to the last group's first
 *     block. Inodes per group is the smallest multiple of 16 that gives the fewest groups.</li>
 * <li>Every inode has {@code HUGE_FILE} set (so {@code i_blocks} counts 4096-byte blocks); data goes in extents
 *     (depth 0 in the inode, up to 4 extents), symlinks up to 59 bytes in {@code i_block}, longer ones as data;
 *     device numbers in the new encoding in {@code i_block[1]}. Xattrs are sorted by full name and each goes in
 *     the inode while it fits, then in one xattr block; the hash is ext4's entry hash over unsigned bytes.</li>
 * <li>Directories are linear: entries {@code .}, {@code ..}, then children, a block is closed when fewer than
 *     12 bytes would be left, with an empty entry (inode 0) covering the rest of every block.</li>
 * <li>Missing parents are made with their parent's attributes; a file seen again replaces the old one (keeping its
 *     inode unless it is hard linked; a regular file whose data is written cannot be replaced); directories are
 *     merged, their in-inode xattrs kept unless given again.</li>
 * </ul>
 * Deviations: a name with a {@code ..} that climbs above the root is refused (hcsshim silently clamps it); an
 * index of more than 340 extents is split over leaf blocks correctly; the inode bitmap's padding bits (past a group's
 * inodes) are set, as mkfs sets them and e2fsck 1.47 requires (hcsshim leaves them clear). Not thread-safe; one writer per image.
 */
public final class Ext4Writer {
    public static final int BLOCK_SIZE = 4096;
    /** The maximum disk size when none is given, as hcsshim's default. */
    public static final long DEFAULT_MAX_DISK_SIZE = 16L << 30;
    /** The largest maximum disk size (16 TiB). */
    public static final long MAX_MAX_DISK_SIZE = 16L << 40;
    /** The largest regular file, as hcsshim's limit. */
    public static final long MAX_FILE_SIZE = 128L << 30;

    private static final int INODE_ROOT = 2;
    private static final int INODE_FIRST = 11;
    private static final int BLOCKS_PER_GROUP = BLOCK_SIZE * 8;
    private static final int INODE_SIZE = 256;
    private static final int MAX_INODES_PER_GROUP = BLOCK_SIZE * 8;
    private static final int INODES_PER_GROUP_INCREMENT = BLOCK_SIZE / INODE_SIZE;
    private static final int GROUP_DESCRIPTOR_SIZE = 32;
    private static final int GROUPS_PER_DESCRIPTOR_BLOCK = BLOCK_SIZE / GROUP_DESCRIPTOR_SIZE;
    private static final int SMALL_SYMLINK_SIZE = 59;
    private static final int MAX_BLOCKS_PER_EXTENT = 0x8000;
    private static final int INODE_DATA_SIZE = 60;
    private static final int INODE_USED_SIZE = 152;
    private static final int INODE_EXTRA_SIZE = INODE_SIZE - INODE_USED_SIZE;
    private static final int XATTR_INODE_OVERHEAD = 4 + 4;
    private static final int XATTR_BLOCK_OVERHEAD = 32 + 4;
    private static final int INLINE_DATA_XATTR_OVERHEAD = XATTR_INODE_OVERHEAD + 16 + 4;
    private static final int INLINE_DATA_SIZE = INODE_DATA_SIZE + INODE_EXTRA_SIZE - INLINE_DATA_XATTR_OVERHEAD;
    private static final int MAX_LINKS = 65000;
    private static final int EXTENT_NODE_SIZE = 12;
    private static final int EXTENTS_PER_BLOCK = BLOCK_SIZE / EXTENT_NODE_SIZE - 1;
    private static final int XATTR_MAGIC = 0xea020000;
    private static final short EXTENT_MAGIC = (short) 0xf30a;

    private static final int FLAG_HUGE_FILE = 0x40000;
    private static final int FLAG_EXTENTS = 0x80000;
    private static final int FLAG_INLINE_DATA = 0x10000000;

    /** ext4's xattr name prefixes and their indexes, longest first where they nest. */
    private static final String[][] XATTR_PREFIXES = {
            {"2", "system.posix_acl_access"}, {"3", "system.posix_acl_default"}, {"8", "system.richacl"},
            {"7", "system."}, {"1", "user."}, {"4", "trusted."}, {"6", "security."}};

    private final FileChannel out;
    private final long maxDiskSize;
    private final boolean inlineData;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 19);
    /** Where the buffer's first byte goes in the image. */
    private long bufferStart;

    private final List<Inode> inodes = new ArrayList<>();
    private Inode current;
    private String currentName;
    private long dataWritten;
    private long dataMax;
    private boolean initialized;
    private int gdBlocks;

    /**
     * A writer into {@code out}, which must be empty (runs of zeros are left as holes). {@code maxDiskSize} 0 means
     * the default, below 0 or above 16 TiB means 16 TiB, else it is rounded up to a block; it bounds the image and
     * sizes the group descriptor table. {@code inlineData} puts files up to 136 bytes in their inode.
     */
    public Ext4Writer(FileChannel out, long maxDiskSize, boolean inlineData) {
        this.out = out;
        if (maxDiskSize < 0 || maxDiskSize > MAX_MAX_DISK_SIZE) {
            this.maxDiskSize = MAX_MAX_DISK_SIZE;
        } else if (maxDiskSize == 0) {
            this.maxDiskSize = DEFAULT_MAX_DISK_SIZE;
        } else {
            this.maxDiskSize = (maxDiskSize + BLOCK_SIZE - 1) & -BLOCK_SIZE;
        }
        this.inlineData = inlineData;
    }

    /** The bound on the image's size in bytes. */
    public long maxDiskSize() {
        return maxDiskSize;
    }

    // ---- the file tree

    private static final class Inode {
        final int number;
        int mode;
        int uid;
        int gid;
        long atime;
        long ctime;
        long mtime;
        long crtime;
        long size;
        int linkCount;
        int xattrBlock;
        long blockCount;
        int devmajor;
        int devminor;
        int flags;
        byte[] data;
        List<Xattr> inlineXattrs = List.of();
        List<Xattr> blockXattrs = List.of();
        Map<String, Inode> children;

        Inode(int number) {
            this.number = number;
        }

        int type() {
            return mode & Ext4File.TYPE_MASK;
        }

        boolean isDir() {
            return type() == Ext4File.S_IFDIR;
        }
    }

    /** One extended attribute with its name prefix compressed to an index (ext4's on-disk form). */
    private record Xattr(int index, String name, byte[] value) {
        static Xattr of(String fullName, byte[] value) {
            for (String[] p : XATTR_PREFIXES) {
                if (fullName.startsWith(p[1])) {
                    return new Xattr(Integer.parseInt(p[0]), fullName.substring(p[1].length()), value);
                }
            }
            return new Xattr(0, fullName, value);
        }

        String fullName() {
            for (String[] p : XATTR_PREFIXES) {
                if (Integer.parseInt(p[0]) == index) {
                    return p[1] + name;
                }
            }
            return name;
        }

        int entryLength() {
            return ((name.length() + 3) & ~3) + 16;
        }

        int valueLength() {
            return (value.length + 3) & ~3;
        }
    }

    private Inode inode(int number) {
        return number == 0 || number > inodes.size() ? null : inodes.get(number - 1);
    }

    private Inode root() {
        return inode(INODE_ROOT);
    }

    /** Adds {@code name} (its parents must exist; see {@link #makeParents}); a regular file's data follows through {@link #write}. */
    public void create(String name, Ext4File file) throws IOException {
        finishInode();
        Lookup l = lookup(name, false);
        Inode existing = l.child;
        Inode reuse = null;
        boolean isDir = file.type() == Ext4File.S_IFDIR;
        if (existing != null) {
            if (existing.isDir()) {
                if (!isDir) {
                    throw new Ext4Exception(display(name) + ": cannot replace a directory with a file");
                }
                reuse = existing;
            } else if (isDir) {
                throw new Ext4Exception(display(name) + ": cannot replace a file with a directory");
            } else if (existing.linkCount < 2) {
                reuse = existing;
            }
        } else if (isDir && l.dir.linkCount >= MAX_LINKS) {
            throw new Ext4Exception(display(name) + ": exceeded parent directory maximum link count");
        }
        Inode child;
        try {
            child = makeInode(file, reuse);
        } catch (Ext4Exception e) {
            throw new Ext4Exception(display(name) + ": " + e.getMessage());
        }
        if (existing != child) {
            if (existing != null) {
                existing.linkCount--;
            }
            l.dir.children.put(l.childName, child);
            child.linkCount++;
            if (child.isDir()) {
                l.dir.linkCount++;
            }
        }
        if (child.type() == Ext4File.S_IFREG) {
            if ((child.flags & FLAG_INLINE_DATA) == 0 && position() + roundUp(file.size()) > maxDiskSize) {
                // Fail before the data is read: it could not fit.
                throw exceeded();
            }
            startInode(name, child, file.size());
        }
    }

    /** Makes the missing parent directories of {@code name}, each with its parent's attributes (as {@code mkdir -p}). */
    public void makeParents(String name) throws IOException {
        finishInode();
        String clean = clean(name);
        int slash = clean.lastIndexOf('/');
        if (slash < 0) {
            return;
        }
        Inode dir = root();
        StringBuilder path = new StringBuilder();
        for (String part : clean.substring(0, slash).split("/")) {
            path.append('/').append(part);
            Inode next = dir.children == null ? null : dir.children.get(part);
            if (next == null) {
                Ext4File parent = new Ext4File(dir.mode, dir.uid, dir.gid, roundTrip(dir.atime), roundTrip(dir.ctime),
                        roundTrip(dir.mtime), roundTrip(dir.crtime), 0, "", dir.devmajor, dir.devminor, null);
                create(path.toString(), parent);
                next = dir.children.get(part);
            }
            dir = next;
        }
    }

    /** Adds {@code newName} as a hard link to {@code oldName} (which may be a symlink, not a directory). */
    public void link(String oldName, String newName) throws IOException {
        finishInode();
        Lookup n = lookup(newName, false);
        if (n.child != null && (n.child.isDir() || n.child.linkCount < 2)) {
            throw new Ext4Exception(display(newName) + ": cannot orphan existing file or directory");
        }
        Inode old = lookup(oldName, true).child;
        if (old.isDir()) {
            throw new Ext4Exception(display(newName) + ": link target cannot be a directory: " + display(oldName));
        }
        if (n.child != old && old.linkCount >= MAX_LINKS) {
            throw new Ext4Exception(display(newName) + ": link target would exceed maximum link count: "
                    + display(oldName));
        }
        if (n.child != null) {
            n.child.linkCount--;
        }
        old.linkCount++;
        n.dir.children.put(n.childName, old);
    }

    /** What is stored for {@code name} (times as stored; a symlink's target only for short ones, as hcsshim). */
    public Ext4File stat(String name) throws IOException {
        finishInode();
        Inode node = lookup(name, true).child;
        TreeMap<String, byte[]> xattrs = new TreeMap<>();
        for (Xattr x : node.blockXattrs) {
            xattrs.put(x.fullName(), x.value());
        }
        for (Xattr x : node.inlineXattrs) {
            xattrs.put(x.fullName(), x.value());
        }
        xattrs.remove("system.data");
        String linkname = "";
        if (node.type() == Ext4File.S_IFLNK) {
            if (node.size > SMALL_SYMLINK_SIZE) {
                throw new Ext4Exception(display(name) + ": cannot retrieve link information");
            }
            linkname = new String(node.data, StandardCharsets.ISO_8859_1);
        }
        // Times as Go's Stat gives them (decoded, to be encoded again by a Create).
        return new Ext4File(node.mode, node.uid, node.gid, roundTrip(node.atime), roundTrip(node.ctime),
                roundTrip(node.mtime), roundTrip(node.crtime), node.size, linkname, node.devmajor, node.devminor,
                xattrs);
    }

    /** Writes the next bytes of the regular file last created. */
    public void write(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        if (current == null || dataWritten + len > dataMax) {
            throw new Ext4Exception(display(currentName) + ": wrote too much: " + (dataWritten + len) + " > " + dataMax);
        }
        if ((current.flags & FLAG_INLINE_DATA) != 0) {
            System.arraycopy(b, off, current.data, (int) dataWritten, len);
        } else {
            put(b, off, len);
        }
        dataWritten += len;
    }

    private record Lookup(Inode dir, Inode child, String childName) { }

    private Lookup lookup(String name, boolean mustExist) throws Ext4Exception {
        Inode root = root();
        String clean = clean(name);
        if (clean.isEmpty()) {
            return new Lookup(root, root, "");
        }
        int slash = clean.lastIndexOf('/');
        String childName = clean.substring(slash + 1);
        if (childName.length() > 0xff) {
            throw new Ext4Exception(display(name) + ": invalid name (a path component is longer than 255 bytes)");
        }
        Inode dir = root;
        if (slash > 0) {
            for (String part : clean.substring(0, slash).split("/")) {
                dir = dir.children == null ? null : dir.children.get(part);
                if (dir == null) {
                    break;
                }
            }
        }
        if (dir == null || !dir.isDir()) {
            throw new Ext4Exception(display(name) + ": path not found");
        }
        Inode child = dir.children.get(childName);
        if (child == null && mustExist) {
            throw new Ext4Exception(display(name) + ": file not found");
        }
        return new Lookup(dir, child, childName);
    }

    /**
     * The path relative to the root without empty or "." components, as Go's {@code path.Clean("/" + name)[1:]}, except
     * that a ".." climbing above the root is refused rather than dropped.
     */
    static String clean(String name) throws Ext4Exception {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new Ext4Exception(display(name) + ": path escapes the root");
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    /** A byte-string name as readable text (UTF-8) for messages. */
    static String display(String byteString) {
        return byteString == null ? "" : new String(byteString.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    // ---- inodes

    private Inode makeInode(Ext4File f, Inode node) throws IOException {
        int mode = f.mode() & 0xffff;
        if ((mode & Ext4File.TYPE_MASK) == 0) {
            mode |= Ext4File.S_IFREG;
        }
        int type = mode & Ext4File.TYPE_MASK;
        if (node == null) {
            node = new Inode(inodes.size() + 1);
            if (type == Ext4File.S_IFDIR) {
                node.children = new HashMap<>();
                node.linkCount = 1; // a directory is linked to itself
            }
        } else if ((node.flags & FLAG_EXTENTS) != 0) {
            // Blocks are never freed or reused: data already written cannot be replaced.
            throw new Ext4Exception("cannot overwrite file with non-inline data");
        }
        node.mode = mode;
        node.uid = f.uid();
        node.gid = f.gid();
        node.flags = FLAG_HUGE_FILE;
        node.atime = f.atime();
        node.ctime = f.ctime();
        node.mtime = f.mtime();
        node.crtime = f.crtime();
        node.devmajor = f.devmajor();
        node.devminor = f.devminor();
        node.data = null;

        // The attributes given win over the ones the inode holds in itself (those in its block are dropped unless given).
        TreeMap<String, byte[]> xattrs = new TreeMap<>(f.xattrs());
        for (Xattr x : node.inlineXattrs) {
            if (!x.fullName().equals("system.data")) {
                xattrs.putIfAbsent(x.fullName(), x.value());
            }
        }
        node.inlineXattrs = List.of();
        XattrPlacement placement = new XattrPlacement();

        long size = 0;
        switch (type) {
            case Ext4File.S_IFREG -> {
                size = f.size();
                if (size > MAX_FILE_SIZE) {
                    throw new Ext4Exception("file too big: " + size + " > " + MAX_FILE_SIZE);
                }
                if (size < 0) {
                    throw new Ext4Exception("negative size " + size);
                }
                if (inlineData && size <= INLINE_DATA_SIZE) {
                    node.data = new byte[(int) size];
                    int extra = (int) Math.max(0, size - INODE_DATA_SIZE);
                    placement.add("system.data", new byte[extra]); // filled with the data's tail when written out
                    node.flags |= FLAG_INLINE_DATA;
                }
            }
            case Ext4File.S_IFLNK -> {
                node.mode |= 0777; // symlinks appear as rwx for all
                byte[] target = f.linkname().getBytes(StandardCharsets.ISO_8859_1);
                size = target.length;
                if (size <= SMALL_SYMLINK_SIZE) {
                    node.data = target; // in i_block, with no inline-data flag
                }
            }
            case Ext4File.S_IFDIR, Ext4File.S_IFIFO, Ext4File.S_IFSOCK, Ext4File.S_IFCHR, Ext4File.S_IFBLK -> { }
            default -> throw new Ext4Exception("invalid mode " + Integer.toOctalString(mode));
        }
        for (Map.Entry<String, byte[]> x : xattrs.entrySet()) {
            if (!placement.add(x.getKey(), x.getValue())) {
                throw new Ext4Exception("could not fit xattr " + display(x.getKey()));
            }
        }
        writeXattrs(node, placement);

        node.size = size;
        if (type == Ext4File.S_IFLNK && size > SMALL_SYMLINK_SIZE) {
            byte[] target = f.linkname().getBytes(StandardCharsets.ISO_8859_1);
            startInode("", node, size);
            write(target, 0, target.length);
            finishInode();
        }
        if (node.number - 1 >= inodes.size()) {
            inodes.add(node);
        }
        return node;
    }

    /** Xattrs in the inode while they fit, then in the xattr block, in the order added. */
    private static final class XattrPlacement {
        final List<Xattr> inline = new ArrayList<>();
        final List<Xattr> block = new ArrayList<>();
        int inlineLeft = INODE_EXTRA_SIZE - XATTR_INODE_OVERHEAD;
        int blockLeft = BLOCK_SIZE - XATTR_BLOCK_OVERHEAD;

        boolean add(String fullName, byte[] value) {
            Xattr x = Xattr.of(fullName, value);
            int length = x.entryLength() + x.valueLength();
            if (inlineLeft >= length) {
                inline.add(x);
                inlineLeft -= length;
            } else if (blockLeft >= length) {
                block.add(x);
                blockLeft -= length;
            } else {
                return false;
            }
            return true;
        }
    }

    private void writeXattrs(Inode node, XattrPlacement placement) throws IOException {
        node.inlineXattrs = List.copyOf(placement.inline);
        // An inode that had an xattr block keeps it (rewritten, perhaps empty): blocks are never freed.
        if (placement.block.isEmpty() && node.xattrBlock == 0) {
            return;
        }
        List<Xattr> sorted = hcsshimBlockOrder(placement.block);
        node.blockXattrs = sorted;
        byte[] b = new byte[BLOCK_SIZE];
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0, XATTR_MAGIC).putInt(4, 1).putInt(8, 1); // magic, reference count, blocks
        putXattrs(sorted, b, 32, BLOCK_SIZE - 32, 32);
        if (node.xattrBlock == 0) {
            node.xattrBlock = block();
            node.blockCount++;
            put(b, 0, b.length);
        } else {
            long resume = position();
            seek((long) node.xattrBlock * BLOCK_SIZE);
            put(b, 0, b.length);
            seek(resume);
        }
    }

    /**
     * The order hcsshim's block xattrs end in: Go's {@code sort.Slice} (an insertion sort for up to 12 elements) with
     * the comparison "index less, or name shorter, or name less", which is not an ordering, so its result depends on
     * the algorithm; the same insertion sort gives the same order.
     */
    private static List<Xattr> hcsshimBlockOrder(List<Xattr> xattrs) {
        Xattr[] a = xattrs.toArray(new Xattr[0]);
        if (a.length > 12) {
            // Go would run pdqsort here; any order reads back the same, only the bytes differ.
            Arrays.sort(a, Comparator.comparingInt(Xattr::index).thenComparingInt(x -> x.name().length())
                    .thenComparing(Xattr::name));
            return List.of(a);
        }
        for (int i = 1; i < a.length; i++) {
            for (int j = i; j > 0 && blockLess(a[j], a[j - 1]); j--) {
                Xattr t = a[j];
                a[j] = a[j - 1];
                a[j - 1] = t;
            }
        }
        return List.of(a);
    }

    private static boolean blockLess(Xattr x, Xattr y) {
        return x.index() < y.index() || x.name().length() < y.name().length() || x.name().compareTo(y.name()) < 0;
    }

    /** Entries from the region's start, values from its end down; offsets counted from {@code offsetBase} before it. */
    private static void putXattrs(List<Xattr> xattrs, byte[] b, int start, int length, int offsetBase) {
        ByteBuffer e = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int entry = start;
        int valueEnd = start + length;
        int offset = length + offsetBase;
        for (Xattr x : xattrs) {
            int vl = x.valueLength();
            offset -= vl;
            byte[] name = x.name().getBytes(StandardCharsets.ISO_8859_1);
            b[entry] = (byte) name.length;
            b[entry + 1] = (byte) x.index();
            e.putShort(entry + 2, (short) offset);
            e.putInt(entry + 8, x.value().length);
            e.putInt(entry + 12, xattrHash(name, x.value()));
            System.arraycopy(name, 0, b, entry + 16, name.length);
            entry += x.entryLength();
            System.arraycopy(x.value(), 0, b, valueEnd - vl, x.value().length);
            valueEnd -= vl;
        }
    }

    /** ext4's xattr entry hash (name bytes unsigned, value as little-endian words, the last one zero-padded). */
    static int xattrHash(byte[] name, byte[] value) {
        int hash = 0;
        for (byte c : name) {
            hash = (hash << 5) ^ (hash >>> 27) ^ (c & 0xff);
        }
        ByteBuffer v = ByteBuffer.wrap(Arrays.copyOf(value, (value.length + 3) & ~3)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < v.capacity(); i += 4) {
            hash = (hash << 16) ^ (hash >>> 16) ^ v.getInt(i);
        }
        return hash;
    }

    // ---- data

    private void startInode(String name, Inode node, long size) {
        current = node;
        currentName = name;
        dataWritten = 0;
        dataMax = size;
    }

    private void finishInode() throws IOException {
        if (!initialized) {
            init();
        }
        if (current == null) {
            return;
        }
        if (dataWritten != dataMax) {
            throw new Ext4Exception(display(currentName) + ": did not write the right amount: " + dataWritten
                    + " != " + dataMax);
        }
        if (dataMax != 0 && (current.flags & FLAG_INLINE_DATA) == 0) {
            writeExtents(current);
        }
        dataWritten = 0;
        dataMax = 0;
        current = null;
    }

    private void writeExtents(Inode node) throws IOException {
        long start = position() - dataWritten;
        nextBlock();
        int startBlock = (int) (start / BLOCK_SIZE);
        int blocks = block() - startBlock;
        long usedBlocks = blocks;
        int extents = (int) (((long) blocks + MAX_BLOCKS_PER_EXTENT - 1) / MAX_BLOCKS_PER_EXTENT);
        ByteBuffer root = ByteBuffer.allocate(INODE_DATA_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        if (extents <= 4) {
            fillExtents(root, 4, extents, startBlock, 0, blocks);
        } else {
            int leafBlocks = (extents + EXTENTS_PER_BLOCK - 1) / EXTENTS_PER_BLOCK;
            if (leafBlocks > 4) {
                throw new Ext4Exception(display(currentName) + ": file too big for the extent tree");
            }
            usedBlocks += leafBlocks;
            root.putShort(EXTENT_MAGIC).putShort((short) leafBlocks).putShort((short) 4).putShort((short) 1).putInt(0);
            for (int i = 0; i < leafBlocks; i++) {
                int firstExtent = i * EXTENTS_PER_BLOCK;
                root.putInt(firstExtent * MAX_BLOCKS_PER_EXTENT).putInt(block()).putShort((short) 0).putShort((short) 0);
                ByteBuffer leaf = ByteBuffer.allocate(BLOCK_SIZE).order(ByteOrder.LITTLE_ENDIAN);
                int offset = firstExtent * MAX_BLOCKS_PER_EXTENT;
                fillExtents(leaf, EXTENTS_PER_BLOCK, Math.min(EXTENTS_PER_BLOCK, extents - firstExtent),
                        startBlock + offset, offset, blocks);
                put(leaf.array(), 0, BLOCK_SIZE);
            }
        }
        node.data = root.array();
        node.flags |= FLAG_EXTENTS;
        node.blockCount += usedBlocks;
    }

    /** An extent header and {@code count} leaves covering blocks from {@code offset} of a file of {@code fileBlocks}. */
    private static void fillExtents(ByteBuffer b, int max, int count, int startBlock, int offset, int fileBlocks) {
        b.putShort(EXTENT_MAGIC).putShort((short) count).putShort((short) max).putShort((short) 0).putInt(0);
        for (int i = 0; i < count; i++) {
            int logical = offset + i * MAX_BLOCKS_PER_EXTENT;
            int length = Math.min(fileBlocks - logical, MAX_BLOCKS_PER_EXTENT);
            b.putInt(logical).putShort((short) length).putShort((short) 0).putInt(startBlock + logical - offset);
        }
    }

    // ---- output

    private long position() {
        return bufferStart + buffer.position();
    }

    private int block() {
        return (int) (position() / BLOCK_SIZE);
    }

    private static long roundUp(long size) {
        return (size + BLOCK_SIZE - 1) & -BLOCK_SIZE;
    }

    private Ext4Exception exceeded() {
        return new Ext4Exception("disk exceeded maximum size of " + maxDiskSize + " bytes");
    }

    private void put(byte[] b, int off, int len) throws IOException {
        if (position() + len > maxDiskSize) {
            throw exceeded();
        }
        while (len > 0) {
            if (!buffer.hasRemaining()) {
                flush();
            }
            int n = Math.min(len, buffer.remaining());
            buffer.put(b, off, n);
            off += n;
            len -= n;
        }
    }

    /** Zeros: small runs into the buffer, long ones left as a hole in the (empty) output. */
    private void zero(long n) throws IOException {
        if (position() + n > maxDiskSize) {
            throw exceeded();
        }
        if (n <= buffer.remaining()) {
            buffer.put(new byte[(int) n]);
        } else {
            long to = position() + n;
            flush();
            bufferStart = to;
        }
    }

    private void nextBlock() throws IOException {
        long rest = position() % BLOCK_SIZE;
        if (rest != 0) {
            zero(BLOCK_SIZE - rest);
        }
    }

    private void seek(long at) throws IOException {
        flush();
        bufferStart = at;
    }

    private void flush() throws IOException {
        buffer.flip();
        long at = bufferStart;
        while (buffer.hasRemaining()) {
            at += out.write(buffer, at);
        }
        bufferStart = at;
        buffer.clear();
    }

    // ---- layout

    private void init() throws IOException {
        initialized = true;
        inodes.add(null); // inode 1, bad blocks: unused
        Inode root = makeInode(Ext4File.of(Ext4File.S_IFDIR | 0755), null);
        root.linkCount++; // ".." of the root is the root
        while (inodes.size() < INODE_FIRST - 1) {
            inodes.add(null);
        }
        long maxBlocks = (maxDiskSize - 1) / BLOCK_SIZE + 1;
        long maxGroups = (maxBlocks - 1) / BLOCKS_PER_GROUP + 1;
        gdBlocks = (int) ((maxGroups - 1) / GROUPS_PER_DESCRIPTOR_BLOCK + 1);
        seek((long) (1 + gdBlocks) * BLOCK_SIZE);
        // e2fsck wants lost+found.
        create("lost+found", Ext4File.of(Ext4File.S_IFDIR | 0700));
    }

    private void writeDirectory(Inode dir, Inode parent) throws IOException {
        finishInode();
        ByteArrayOutputStream blocks = new ByteArrayOutputStream();
        ByteBuffer blk = ByteBuffer.allocate(BLOCK_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        List<Map.Entry<String, Inode>> entries = new ArrayList<>();
        entries.add(Map.entry(".", dir));
        entries.add(Map.entry("..", parent));
        entries.addAll(sortedChildren(dir));
        for (Map.Entry<String, Inode> e : entries) {
            byte[] name = e.getKey().getBytes(StandardCharsets.ISO_8859_1);
            int recordLength = (8 + name.length + 3) & ~3;
            if (blk.remaining() < recordLength + 12) {
                closeDirectoryBlock(blk, blocks);
            }
            blk.putInt(e.getValue().number).putShort((short) recordLength).put((byte) name.length)
                    .put(fileType(e.getValue().mode)).put(name);
            blk.position(blk.position() + recordLength - 8 - name.length);
        }
        closeDirectoryBlock(blk, blocks);
        byte[] data = blocks.toByteArray();
        startInode("", dir, data.length);
        write(data, 0, data.length);
        dir.size = data.length;
    }

    /** Ends a directory block with an empty entry (inode 0) spanning the rest. */
    private static void closeDirectoryBlock(ByteBuffer blk, ByteArrayOutputStream blocks) {
        int left = blk.remaining();
        blk.putInt(0).putShort((short) left);
        blocks.write(blk.array(), 0, BLOCK_SIZE);
        Arrays.fill(blk.array(), (byte) 0);
        blk.clear();
    }

    /** e2fsck's convention, as hcsshim: children by inode number, hard links to one inode by name. */
    private static List<Map.Entry<String, Inode>> sortedChildren(Inode dir) {
        List<Map.Entry<String, Inode>> children = new ArrayList<>(dir.children.entrySet());
        children.sort(Comparator.comparingInt((Map.Entry<String, Inode> e) -> e.getValue().number)
                .thenComparing(Map.Entry::getKey));
        return children;
    }

    private void writeDirectoryRecursive(Inode dir, Inode parent) throws IOException {
        writeDirectory(dir, parent);
        for (Map.Entry<String, Inode> child : sortedChildren(dir)) {
            if (child.getValue().isDir()) {
                writeDirectoryRecursive(child.getValue(), dir);
            }
        }
    }

    private static byte fileType(int mode) {
        return switch (mode & Ext4File.TYPE_MASK) {
            case Ext4File.S_IFREG -> 1;
            case Ext4File.S_IFDIR -> 2;
            case Ext4File.S_IFCHR -> 3;
            case Ext4File.S_IFBLK -> 4;
            case Ext4File.S_IFIFO -> 5;
            case Ext4File.S_IFSOCK -> 6;
            case Ext4File.S_IFLNK -> 7;
            default -> 0;
        };
    }

    private void writeInodeTable(long tableSize) throws IOException {
        for (Inode node : inodes) {
            put(node == null ? new byte[INODE_SIZE] : encodeInode(node), 0, INODE_SIZE);
        }
        zero(tableSize - (long) inodes.size() * INODE_SIZE);
    }

    private static byte[] encodeInode(Inode node) {
        byte[] raw = new byte[INODE_SIZE];
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(0, (short) node.mode).putShort(2, (short) node.uid).putInt(4, (int) node.size);
        b.putInt(8, (int) node.atime).putInt(12, (int) node.ctime).putInt(16, (int) node.mtime);
        b.putShort(24, (short) node.gid).putShort(26, (short) node.linkCount).putInt(28, (int) node.blockCount);
        b.putInt(32, node.flags).putInt(104, node.xattrBlock).putInt(108, (int) (node.size >>> 32));
        b.putShort(120, (short) (node.uid >>> 16)).putShort(122, (short) (node.gid >>> 16));
        b.putShort(128, (short) (INODE_USED_SIZE - 128));
        b.putInt(132, (int) (node.ctime >>> 32)).putInt(136, (int) (node.mtime >>> 32));
        b.putInt(140, (int) (node.atime >>> 32)).putInt(144, (int) node.crtime).putInt(148, (int) (node.crtime >>> 32));
        List<Xattr> inline = node.inlineXattrs;
        switch (node.type()) {
            case Ext4File.S_IFDIR, Ext4File.S_IFREG, Ext4File.S_IFLNK -> {
                if (node.data != null) {
                    int n = Math.min(node.data.length, INODE_DATA_SIZE);
                    System.arraycopy(node.data, 0, raw, 40, n);
                    if ((node.flags & FLAG_INLINE_DATA) != 0) {
                        // The first in-inode xattr, system.data, holds the data past i_block.
                        List<Xattr> withData = new ArrayList<>(inline);
                        withData.set(0, new Xattr(7, "data", Arrays.copyOfRange(node.data, n, node.data.length)));
                        inline = withData;
                    }
                }
            }
            case Ext4File.S_IFBLK, Ext4File.S_IFCHR -> {
                int dev = (node.devminor & 0xff) | (node.devmajor << 8) | ((node.devminor & 0xffffff00) << 12);
                b.putInt(44, dev);
            }
            default -> { }
        }
        if (!inline.isEmpty()) {
            b.putInt(INODE_USED_SIZE, XATTR_MAGIC);
            putXattrs(inline, raw, INODE_USED_SIZE + 4, INODE_EXTRA_SIZE - 4, 0);
        }
        return raw;
    }

    private static long[] bestGroupCount(long blocks, long inodes) {
        long groups = Long.MAX_VALUE;
        long inodesPerGroup = 0;
        for (long ipg = INODES_PER_GROUP_INCREMENT; ipg <= MAX_INODES_PER_GROUP; ipg += INODES_PER_GROUP_INCREMENT) {
            long inodeBlocksPerGroup = ipg * INODE_SIZE / BLOCK_SIZE;
            long dataBlocksPerGroup = BLOCKS_PER_GROUP - inodeBlocksPerGroup - 2; // room for the bitmaps
            // Enough groups for all the inodes.
            long minBlocks = (inodes - 1) / ipg * dataBlocksPerGroup + 1;
            long g = (Math.max(blocks, minBlocks) + dataBlocksPerGroup - 1) / dataBlocksPerGroup;
            if (g < groups) {
                groups = g;
                inodesPerGroup = ipg;
            }
        }
        return new long[] {groups, inodesPerGroup};
    }

    /** Writes the directories, inode table, bitmaps, group descriptors and superblock; returns the image's size in bytes. */
    public long finish() throws IOException {
        finishInode();
        Inode root = root();
        writeDirectoryRecursive(root, root);
        finishInode();

        int inodeTableOffset = block();
        long[] best = bestGroupCount(inodeTableOffset, inodes.size());
        int groups = (int) best[0];
        int inodesPerGroup = (int) best[1];
        writeInodeTable((long) groups * inodesPerGroup * INODE_SIZE);

        int bitmapOffset = block();
        int bitmapSize = groups * 2;
        int validDataSize = bitmapOffset + bitmapSize;
        int diskSize = Math.max(validDataSize, (groups - 1) * BLOCKS_PER_GROUP + 1);
        int usedGdBlocks = (groups - 1) / GROUPS_PER_DESCRIPTOR_BLOCK + 1;
        if (usedGdBlocks > gdBlocks) {
            throw exceeded();
        }

        ByteBuffer gds = ByteBuffer.allocate(gdBlocks * BLOCK_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        int inodeTableBlocksPerGroup = inodesPerGroup * INODE_SIZE / BLOCK_SIZE;
        long totalUsedBlocks = 0;
        long totalUsedInodes = 0;
        for (int g = 0; g < groups; g++) {
            byte[] b = new byte[BLOCK_SIZE * 2];
            int usedBlocks = 0;
            int usedInodes = 0;
            int dirs = 0;
            long groupStart = (long) g * BLOCKS_PER_GROUP;
            if (groupStart + BLOCKS_PER_GROUP <= validDataSize) {
                Arrays.fill(b, 0, BLOCK_SIZE, (byte) 0xff);
                usedBlocks = BLOCKS_PER_GROUP;
            } else if (groupStart < validDataSize) {
                for (int j = 0; j < validDataSize - groupStart; j++) {
                    setBit(b, 0, j);
                    usedBlocks++;
                }
            }
            if (g == 0) {
                // The group descriptor blocks reserved beyond those in use are free.
                for (int j = 1 + usedGdBlocks; j < 1 + gdBlocks; j++) {
                    b[j / 8] &= (byte) ~(1 << (j % 8));
                    usedBlocks--;
                }
            }
            if (g == groups - 1 && diskSize % BLOCKS_PER_GROUP != 0) {
                // Blocks past the end of the disk count as used.
                for (int j = diskSize % BLOCKS_PER_GROUP; j < BLOCKS_PER_GROUP; j++) {
                    setBit(b, 0, j);
                    usedBlocks++;
                }
            }
            for (int j = 0; j < inodesPerGroup; j++) {
                int number = 1 + g * inodesPerGroup + j;
                Inode node = inode(number);
                if (number < INODE_FIRST || node != null) {
                    setBit(b, BLOCK_SIZE, j);
                    usedInodes++;
                }
                if (node != null && node.isDir()) {
                    dirs++;
                }
            }
            // Bits past the group's inodes are set, as mkfs sets them (e2fsck 1.47 wants that padding; hcsshim leaves it clear).
            for (int j = inodesPerGroup; j < BLOCK_SIZE * 8; j++) {
                setBit(b, BLOCK_SIZE, j);
            }
            put(b, 0, b.length);
            gds.position(g * GROUP_DESCRIPTOR_SIZE);
            gds.putInt(bitmapOffset + 2 * g).putInt(bitmapOffset + 2 * g + 1)
                    .putInt(inodeTableOffset + g * inodeTableBlocksPerGroup)
                    .putShort((short) (BLOCKS_PER_GROUP - usedBlocks)).putShort((short) (inodesPerGroup - usedInodes))
                    .putShort((short) dirs);
            totalUsedBlocks += usedBlocks & 0xffff;
            totalUsedInodes += usedInodes & 0xffff;
        }
        zero((long) (diskSize - bitmapOffset - bitmapSize) * BLOCK_SIZE);
        long imageSize = (long) diskSize * BLOCK_SIZE;

        seek(BLOCK_SIZE);
        put(gds.array(), 0, gds.capacity());

        ByteBuffer sb = ByteBuffer.allocate(BLOCK_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        sb.putInt(1024, inodesPerGroup * groups);
        sb.putInt(1028, diskSize);
        sb.putInt(1036, (int) ((long) BLOCKS_PER_GROUP * groups - totalUsedBlocks));
        sb.putInt(1040, (int) ((long) inodesPerGroup * groups - totalUsedInodes));
        sb.putInt(1044, 0);                          // first data block
        sb.putInt(1048, 2).putInt(1052, 2);           // log block and cluster size: 1024 << 2
        sb.putInt(1056, BLOCKS_PER_GROUP).putInt(1060, BLOCKS_PER_GROUP).putInt(1064, inodesPerGroup);
        sb.putShort(1080, (short) 0xef53);            // magic
        sb.putShort(1082, (short) 1);                 // state: clean
        sb.putShort(1084, (short) 1);                 // errors: continue
        sb.putInt(1096, 0);                           // creator OS: Linux
        sb.putInt(1100, 1);                           // revision: dynamic inode sizes
        sb.putInt(1108, INODE_FIRST);
        sb.putShort(1112, (short) INODE_SIZE);
        sb.putInt(1116, 0x200 | 0x8);                 // compat: sparse_super2, ext_attr
        sb.putInt(1120, 0x2 | 0x40 | 0x200 | (inlineData ? 0x8000 : 0)); // incompat: filetype, extents, flex_bg
        sb.putInt(1124, 0x2 | 0x8 | 0x40 | 0x1000);   // ro-compat: large_file, huge_file, extra_isize, readonly
        sb.putShort(1024 + 348, (short) (INODE_USED_SIZE - 128)).putShort(1024 + 350, (short) (INODE_USED_SIZE - 128));
        sb.put(1024 + 372, (byte) 31);                // log groups per flex
        sb.putInt(1024 + 616, INODE_FIRST);           // lost+found
        seek(0);
        put(sb.array(), 0, BLOCK_SIZE);
        seek(imageSize);
        if (out.size() < imageSize) {
            // The tail was a hole: give the file its full length.
            out.write(ByteBuffer.allocate(1), imageSize - 1);
        }
        return imageSize;
    }

    private static void setBit(byte[] b, int base, int bit) {
        b[base + bit / 8] |= (byte) (1 << (bit % 8));
    }

    /** Go's {@code timeToFsTime(fsTimeToTime(t))}: how a parent's time is copied to the parents made for it. */
    private static long roundTrip(long fsTime) {
        if (fsTime == 0) {
            return 0;
        }
        long seconds = fsTime & 0x3ffffffffL;
        if (seconds > 0x7fffffffL && seconds < 0x100000000L) {
            seconds = (int) seconds;
        }
        long nanos = fsTime >>> 34;
        seconds += nanos / 1_000_000_000L;
        nanos %= 1_000_000_000L;
        return Ext4File.fsTime(seconds, (int) nanos);
    }
}
