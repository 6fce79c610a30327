package io.hcs4j.platform;

import io.hcs4j.platform.posix.Posix;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Set;

/**
 * Runtime directories that only their owner can use: the hvsocket stand-in's sockets, runhcs's state root, the
 * shim's sockets, the emulator's VM records. Whoever can write such a directory, or any directory above it, can
 * swap a socket or a record and capture what we send, so on every open: each component must be ours or root's and
 * writable by nobody else (a sticky directory such as /tmp excepted: others cannot rename our entries in it), a
 * link only if ours or root's and leading to such directories, and the directory itself a real directory of ours
 * with no access for group or others. Missing components are made one at a time with mode 0700, never taking over
 * one that appeared meanwhile. Anything else is refused with an error naming the component and its owner. On file
 * systems without POSIX attributes (Windows) the directories keep their inherited ACL.
 */
public final class PrivateDirectory {
    /** Where root's runtime directories live by default. */
    static final Path ROOT_BASE = Path.of("/run/hcs4j");
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    private static final Set<PosixFilePermission> OTHERS_WRITE = EnumSet.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);
    /** S_ISVTX, which PosixFilePermission does not name. */
    private static final int STICKY = 01000;

    private PrivateDirectory() {
    }

    /**
     * The base of hcs4j's default runtime directories: {@code /run/hcs4j} as root, else
     * {@code $XDG_RUNTIME_DIR/hcs4j} (the user's own), else {@code <tmpdir>/hcs4j-<uid>}, which is checked like any
     * other: a squatter there is refused, not used.
     */
    public static Path base() {
        if (!posix()) {
            return Path.of(System.getProperty("java.io.tmpdir"), "hcs4j");
        }
        if (Posix.isRoot()) {
            return ROOT_BASE;
        }
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "hcs4j");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "hcs4j-" + Posix.euid());
    }

    /** Makes {@code dir} and what is missing above it (mode 0700), then checks it like {@link #check}. */
    public static Path create(Path dir) throws IOException {
        walk(dir, true);
        return dir;
    }

    /** Checks an existing {@code dir} and everything above it; false when it does not exist. */
    public static boolean check(Path dir) throws IOException {
        return walk(dir, false);
    }

    /**
     * Whether only the current user and root can add or replace entries in the existing directory {@code dir}:
     * it is theirs and writable by nobody else (sticky or not), and so is every directory above it but sticky ones.
     * For files read from a shared directory, such as the shim's class-data archive beside its jar.
     */
    public static boolean onlyWeCanWrite(Path dir) throws IOException {
        if (!posix()) {
            return true;
        }
        UserPrincipal us = principal(Posix.euid());
        UserPrincipal root = principal(0);
        Path real = dir.toRealPath();
        try {
            PosixFileAttributes a = attributes(real);
            trustedOwner(real, real, a, us, root);
            if (a.permissions().stream().anyMatch(OTHERS_WRITE::contains)) {
                return false;
            }
            for (Path p = real.getParent(); p != null; p = p.getParent()) {
                trustedAncestor(real, p, attributes(p), us, root);
            }
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static boolean walk(Path dir, boolean create) throws IOException {
        Path path = dir.toAbsolutePath().normalize();
        if (!posix()) {
            if (create) {
                Files.createDirectories(path);
            }
            return Files.isDirectory(path);
        }
        UserPrincipal us = principal(Posix.euid());
        UserPrincipal root = principal(0);
        Path p = path.getRoot();
        trustedAncestor(path, p, attributes(p), us, root);
        for (Path name : path) {
            p = p.resolve(name);
            boolean leaf = p.equals(path);
            PosixFileAttributes a;
            try {
                a = attributes(p);
            } catch (NoSuchFileException missing) {
                if (!create) {
                    return false;
                }
                try {
                    Files.createDirectory(p, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } catch (FileAlreadyExistsException raced) {
                    // someone else's, maybe: checked below like any component found
                }
                a = attributes(p);
            }
            if (a.isSymbolicLink()) {
                if (leaf) {
                    throw refused(path, p, "is a link", a);
                }
                trustedOwner(path, p, a, us, root);
                // The link is fixed (ours or root's, in a directory checked above): where it leads must be safe too.
                Path target = p.toRealPath();
                for (Path q = target; q != null; q = q.getParent()) {
                    trustedAncestor(path, q, attributes(q), us, root);
                }
            } else if (!a.isDirectory()) {
                throw refused(path, p, "is not a directory", a);
            } else if (leaf) {
                if (!a.owner().equals(us) || !OWNER_ONLY.containsAll(a.permissions())) {
                    throw new IOException("refusing " + path + ": it must be a directory of " + currentUser()
                            + " with mode 0700 (it is a directory of " + a.owner().getName() + ", "
                            + PosixFilePermissions.toString(a.permissions()) + ")");
                }
            } else {
                trustedAncestor(path, p, a, us, root);
            }
        }
        return true;
    }

    private static void trustedAncestor(Path dir, Path p, PosixFileAttributes a, UserPrincipal us, UserPrincipal root)
            throws IOException {
        trustedOwner(dir, p, a, us, root);
        if (a.permissions().stream().anyMatch(OTHERS_WRITE::contains) && !sticky(p)) {
            throw refused(dir, p, "can be written by others", a);
        }
    }

    private static void trustedOwner(Path dir, Path p, PosixFileAttributes a, UserPrincipal us, UserPrincipal root)
            throws IOException {
        if (!a.owner().equals(us) && !a.owner().equals(root)) {
            throw refused(dir, p, "belongs to another user", a);
        }
    }

    private static IOException refused(Path dir, Path component, String why, PosixFileAttributes a) {
        String kind = a.isSymbolicLink() ? "link" : a.isDirectory() ? "directory" : "file";
        return new IOException("refusing " + dir + ": " + component + " " + why + " (a " + kind + " of "
                + a.owner().getName() + ", " + PosixFilePermissions.toString(a.permissions())
                + "); only directories of the current user or root, writable by nobody else, are used");
    }

    private static boolean sticky(Path p) throws IOException {
        return ((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & STICKY) != 0;
    }

    private static PosixFileAttributes attributes(Path p) throws IOException {
        return Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    /** The current user's name, for messages (principals looked up by uid are named by the number). */
    static String currentUser() {
        return Posix.isRoot() ? "root" : System.getProperty("user.name");
    }

    static UserPrincipal principal(int uid) throws IOException {
        return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(Integer.toString(uid));
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
