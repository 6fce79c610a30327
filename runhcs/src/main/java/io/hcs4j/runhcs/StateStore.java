package io.hcs4j.runhcs;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.hcs4j.platform.FileTrees;
import io.hcs4j.platform.PrivateDirectory;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.SchemaException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The state root (--root, else HCS4J_ROOT, else {@code /run/hcs4j/runhcs} as root and
 * {@code $XDG_RUNTIME_DIR/hcs4j/runhcs} otherwise): one directory per container, named by its id, holding
 * {@code state.json} (what the container is, which process holds it) and {@code ctl.sock} (that holder's control
 * socket). A container exists exactly as long as its directory. Whoever could write the root could swap a control
 * socket and capture our requests, so it is a {@link PrivateDirectory}, checked whenever a container's directory is
 * used; container directories are made exclusively, with mode 0700.
 */
final class StateStore {
    /** A unix socket path must fit sockaddr_un.sun_path (108 bytes with the NUL on Linux). */
    static final int MAX_SOCKET_PATH = 107;

    /** state.json: the container's fixed facts plus the pid of the process holding it. */
    record Record(@JsonProperty("state") ContainerState state, @JsonProperty("holderPid") long holderPid) {
    }

    private static final FileAttribute<?>[] OWNER_ONLY = FileSystems.getDefault().supportedFileAttributeViews()
            .contains("posix") ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------"))} : new FileAttribute<?>[0];

    private final Path root;

    StateStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    static StateStore open(String rootOption) {
        String root = rootOption;
        if (root == null || root.isEmpty()) {
            root = System.getenv("HCS4J_ROOT");
        }
        return new StateStore(root == null || root.isEmpty() ? PrivateDirectory.base().resolve("runhcs") : Path.of(root));
    }

    Path root() {
        return root;
    }

    /** The container's directory; fails when the root is not ours alone. */
    Path dir(String id) {
        ContainerIds.validate(id);
        checkRoot();
        return root.resolve(id);
    }

    /** Whether the root exists; fails when it is not ours alone. */
    private boolean checkRoot() {
        try {
            return PrivateDirectory.check(root);
        } catch (IOException e) {
            throw new RunhcsException(e.getMessage());
        }
    }

    Path stateFile(String id) {
        return dir(id).resolve("state.json");
    }

    Path socket(String id) {
        Path s = dir(id).resolve("ctl.sock");
        if (s.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            throw new RunhcsException("state root " + root + " is too long for a control socket path "
                    + "(max " + MAX_SOCKET_PATH + " bytes with the id): use a shorter --root");
        }
        return s;
    }

    boolean exists(String id) {
        return Files.isDirectory(dir(id));
    }

    /** Creates the container's directory; fails if the id is taken. */
    void reserve(String id) {
        socket(id); // the id and the root's length are checked before anything is made
        try {
            PrivateDirectory.create(root);
        } catch (IOException e) {
            throw new RunhcsException(e.getMessage());
        }
        Path dir = dir(id);
        try {
            Files.createDirectory(dir, OWNER_ONLY);
        } catch (FileAlreadyExistsException e) {
            throw new RunhcsException("container \"" + id + "\" already exists");
        } catch (IOException e) {
            throw new RunhcsException("cannot create " + dir + ": " + e.getMessage());
        }
    }

    /** Writes state.json atomically (readers never see half a file). */
    void write(String id, Record record) throws IOException {
        Path target = stateFile(id);
        Path tmp = target.resolveSibling("state.json.tmp");
        Files.write(tmp, Json.writeBytes(record));
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** state.json, or null while the container is still being created (or its directory is gone). */
    Record read(String id) {
        try {
            return Json.read(Files.readAllBytes(stateFile(id)), Record.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SchemaException e) {
            throw new RunhcsException("corrupt state file " + stateFile(id) + ": " + e.getMessage());
        }
    }

    /** The ids of every container under the root, sorted. */
    List<String> ids() {
        if (!checkRoot()) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            List<String> out = new ArrayList<>();
            s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the container's directory and everything in it. */
    void remove(String id) throws IOException {
        FileTrees.delete(dir(id));
    }
}
