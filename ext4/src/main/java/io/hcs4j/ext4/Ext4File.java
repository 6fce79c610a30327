package io.hcs4j.ext4;

import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link Ext4Writer} stores for one file: mode (type and permission bits as in {@code st_mode}), owner,
 * times in ext4's encoding ({@link #fsTime}), size (regular files), link target (symlinks), device numbers and
 * extended attributes by full name. Names and values are byte strings: a {@code String} here holds one byte per
 * char (ISO-8859-1), so any byte sequence a tar holds survives and sorts as Go sorts it.
 */
public record Ext4File(int mode, int uid, int gid, long atime, long ctime, long mtime, long crtime, long size,
                       String linkname, int devmajor, int devminor, TreeMap<String, byte[]> xattrs) {
    public static final int S_IFIFO = 0x1000;
    public static final int S_IFCHR = 0x2000;
    public static final int S_IFDIR = 0x4000;
    public static final int S_IFBLK = 0x6000;
    public static final int S_IFREG = 0x8000;
    public static final int S_IFLNK = 0xA000;
    public static final int S_IFSOCK = 0xC000;
    public static final int TYPE_MASK = 0xF000;

    public Ext4File {
        xattrs = xattrs == null ? new TreeMap<>() : xattrs;
        linkname = linkname == null ? "" : linkname;
    }

    /** A file of the given mode with no owner, times, data or attributes. */
    public static Ext4File of(int mode) {
        return new Ext4File(mode, 0, 0, 0, 0, 0, 0, 0, "", 0, 0, null);
    }

    public int type() {
        return mode & TYPE_MASK;
    }

    /** This file with other extended attributes. */
    public Ext4File withXattrs(Map<String, byte[]> attributes) {
        return new Ext4File(mode, uid, gid, atime, ctime, mtime, crtime, size, linkname, devmajor, devminor,
                new TreeMap<>(attributes));
    }

    /**
     * A time as ext4 stores it, as hcsshim's {@code timeToFsTime}: the low 32 bits are the seconds' low bits (the
     * inode's time field), the high 32 bits the "extra" field (2 more seconds bits, then nanoseconds). Seconds are
     * clamped to ext4's range; a time before 1970 keeps Go's sign-extended bits, as hcsshim writes it.
     */
    public static long fsTime(long epochSeconds, int nanos) {
        if (epochSeconds < -0x80000000L) {
            return 0x80000000L;
        }
        if (epochSeconds > 0x37fffffffL) {
            return 0x37fffffffL;
        }
        return epochSeconds | ((long) nanos << 34);
    }
}
