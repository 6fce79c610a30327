package io.hcs4j.ext4;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.TreeMap;

/**
 * tar2ext4: an OCI layer tar to a compact ext4 image ({@link Ext4Writer}), as hcsshim's {@code ext4/tar2ext4}
 * converts it. Every entry first gets its missing parents; with {@code convertWhiteout} a {@code .wh.<name>} entry
 * becomes an overlay whiteout (a character device 0/0 named {@code <name>}, mode 0, owner root, no times) and
 * {@code .wh..wh..opq} sets {@code trusted.overlay.opaque=y} on its directory; hard links link to the named file;
 * everything else is created with the tar's mode bits (type from the entry's type flag, unknown types as regular
 * files), owner, atime, ctime, mtime (also the creation time), device numbers and {@code SCHILY.xattr.*} PAX records
 * as xattrs. The image is written to a temporary file beside the output and moved into place only when complete.
 */
public final class Tar2Ext4 {
    private static final String WHITEOUT_PREFIX = ".wh.";
    private static final String OPAQUE_WHITEOUT = ".wh..wh..opq";
    private static final String XATTR_PREFIX = "SCHILY.xattr.";
    /** containerd's maximum size of an LCOW layer image. */
    public static final long CONTAINERD_LCOW_MAX_DISK_SIZE = 128L << 30;

    private Tar2Ext4() {
    }

    /**
     * What to do besides converting, as hcsshim's options: {@code convertWhiteout} (ConvertWhiteout; the command's
     * {@code -overlay}), {@code convertBackslash}, {@code appendVhdFooter}, {@code onlyAppendVhdFooter} (copy the
     * input as is and add the footer), {@code inlineData}, {@code maximumDiskSize} (0 for 16 GiB).
     */
    public record Options(boolean convertWhiteout, boolean convertBackslash, boolean appendVhdFooter,
                          boolean onlyAppendVhdFooter, boolean inlineData, long maximumDiskSize) {
        /** No conversion options, the default maximum size. */
        public static Options defaults() {
            return new Options(false, false, false, false, false, 0);
        }

        /**
         * What containerd's windows-lcow differ asks for when it makes a {@code layer.vhd}: whiteouts converted, a
         * VHD footer, a maximum size of 128 GiB ({@code maxLcowVhdSizeGB}, which holds bytes).
         */
        public static Options lcowLayer() {
            return new Options(true, false, true, false, false, CONTAINERD_LCOW_MAX_DISK_SIZE);
        }
    }

    /**
     * Converts the tar read from {@code tar} into the image {@code out} (replaced if it exists) and returns the
     * output's size in bytes. On any failure nothing is left at {@code out} (an existing file stays as it was).
     */
    public static long convert(InputStream tar, Path out, Options options) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + out.getFileName() + ".", ".tmp");
        boolean done = false;
        try {
            readableByAll(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                if (options.onlyAppendVhdFooter()) {
                    tar.transferTo(Channels.newOutputStream(channel));
                } else {
                    convert(tar, channel, options);
                }
                if (options.appendVhdFooter() || options.onlyAppendVhdFooter()) {
                    VhdFooter.append(channel);
                }
            }
            long size = Files.size(temp);
            Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            return size;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** A layer image is not secret: rw-r--r--, as Go's os.Create under the usual umask (a temporary file is 0600). */
    private static void readableByAll(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Converts the tar into an ext4 image written to the empty {@code out}; returns the image's size in bytes. */
    public static long convert(InputStream tar, FileChannel out, Options options) throws IOException {
        TarReader reader = new TarReader(new BufferedInputStream(tar, 1 << 20));
        Ext4Writer fs = new Ext4Writer(out, options.maximumDiskSize(), options.inlineData());
        byte[] buffer = new byte[1 << 16];
        for (TarReader.Entry e = reader.next(); e != null; e = reader.next()) {
            String name = e.name();
            String linkname = e.linkname();
            if (options.convertBackslash()) {
                name = name.replace('\\', '/');
                linkname = linkname.replace('\\', '/');
            }
            fs.makeParents(name);
            if (options.convertWhiteout()) {
                int slash = name.lastIndexOf('/');
                String dir = name.substring(0, slash + 1);
                String file = name.substring(slash + 1);
                if (file.startsWith(WHITEOUT_PREFIX)) {
                    if (file.equals(OPAQUE_WHITEOUT)) {
                        Ext4File d = fs.stat(dir);
                        TreeMap<String, byte[]> xattrs = new TreeMap<>(d.xattrs());
                        xattrs.put("trusted.overlay.opaque", new byte[] {'y'});
                        fs.create(dir, d.withXattrs(xattrs));
                    } else {
                        fs.create(dir + file.substring(WHITEOUT_PREFIX.length()), Ext4File.of(Ext4File.S_IFCHR));
                    }
                    continue;
                }
            }
            if (e.type() == '1') {
                fs.link(linkname, name);
                continue;
            }
            TreeMap<String, byte[]> xattrs = new TreeMap<>();
            e.paxRecords().forEach((key, value) -> {
                if (key.startsWith(XATTR_PREFIX)) {
                    xattrs.put(key.substring(XATTR_PREFIX.length()), value);
                }
            });
            long mtime = fsTime(e.mtime());
            int mode = ((int) e.mode() & 0xffff & ~Ext4File.TYPE_MASK) | fileType(e.type());
            fs.create(name, new Ext4File(mode, (int) e.uid(), (int) e.gid(), fsTime(e.atime()), fsTime(e.ctime()),
                    mtime, mtime, e.size(), linkname, (int) e.devmajor(), (int) e.devminor(), xattrs));
            for (int n = reader.read(buffer, 0, buffer.length); n > 0; n = reader.read(buffer, 0, buffer.length)) {
                fs.write(buffer, 0, n);
            }
        }
        return fs.finish();
    }

    private static long fsTime(java.time.Instant t) {
        return t == null ? 0 : Ext4File.fsTime(t.getEpochSecond(), t.getNano());
    }

    private static int fileType(char tarType) {
        return switch (tarType) {
            case '0' -> Ext4File.S_IFREG;
            case '2' -> Ext4File.S_IFLNK;
            case '3' -> Ext4File.S_IFCHR;
            case '4' -> Ext4File.S_IFBLK;
            case '5' -> Ext4File.S_IFDIR;
            case '6' -> Ext4File.S_IFIFO;
            default -> 0; // made a regular file, as hcsshim does
        };
    }

    // ---- the command

    private static final String USAGE = """
            Usage: tar2ext4 -o OUTPUT [-i INPUT.tar] [-overlay] [-convert-slash] [-vhd] [-only-vhd] [-inline]
                            [-maximum-disk-size BYTES]
              -i                  input tar (default: standard input)
              -o                  output image
              -overlay            produce an overlayfs-compatible layer image (convert whiteouts)
              -convert-slash      convert backslashes in path names to slashes
              -vhd                add a fixed-VHD footer to the end of the image
              -only-vhd           add a VHD footer to the input without converting it (implies -vhd)
              -inline             write small file data into the inode
              -maximum-disk-size  bound on the image, which sizes its metadata (default 16 GiB; hcs4j's addition)
            """;

    /** The command line, with hcsshim's {@code cmd/tar2ext4} flags ({@code -flag}, {@code --flag}, {@code -flag=value}). */
    public static void main(String[] args) {
        System.exit(run(args, System.in, System.err));
    }

    static int run(String[] args, InputStream stdin, PrintStream err) {
        String input = null;
        String output = null;
        boolean overlay = false;
        boolean convertSlash = false;
        boolean vhd = false;
        boolean onlyVhd = false;
        boolean inline = false;
        long maxSize = 0;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("-") || arg.equals("-") || arg.equals("--")) {
                    throw new IllegalArgumentException("unexpected argument \"" + arg + "\"");
                }
                String flag = arg.replaceFirst("^--?", "");
                String value = null;
                int eq = flag.indexOf('=');
                if (eq >= 0) {
                    value = flag.substring(eq + 1);
                    flag = flag.substring(0, eq);
                }
                switch (flag) {
                    case "i", "o", "maximum-disk-size" -> {
                        if (value == null) {
                            if (i + 1 >= args.length) {
                                throw new IllegalArgumentException("flag needs an argument: -" + flag);
                            }
                            value = args[++i];
                        }
                        switch (flag) {
                            case "i" -> input = value;
                            case "o" -> output = value;
                            default -> maxSize = parseSize(value);
                        }
                    }
                    case "overlay" -> overlay = bool(flag, value);
                    case "convert-slash" -> convertSlash = bool(flag, value);
                    case "vhd" -> vhd = bool(flag, value);
                    case "only-vhd" -> onlyVhd = bool(flag, value);
                    case "inline" -> inline = bool(flag, value);
                    case "h", "help" -> {
                        err.print(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("flag provided but not defined: -" + flag);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (output == null || output.isEmpty()) {
            err.print(USAGE);
            return 1;
        }
        Options options = new Options(overlay, convertSlash, vhd, onlyVhd, inline, maxSize);
        try (InputStream in = input == null || input.isEmpty() ? stdin : Files.newInputStream(Path.of(input))) {
            convert(in, Path.of(output), options);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("tar2ext4: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }

    private static boolean bool(String flag, String value) {
        if (value == null || value.equals("true") || value.equals("1")) {
            return true;
        }
        if (value.equals("false") || value.equals("0")) {
            return false;
        }
        throw new IllegalArgumentException("invalid boolean value \"" + value + "\" for -" + flag);
    }

    private static long parseSize(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value \"" + value + "\" for -maximum-disk-size: not a number");
        }
    }
}
