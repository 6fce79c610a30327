package io.hcs4j.runhcs;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.hcs4j.platform.FileTrees;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.SchemaException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The state root (--root, else HCS4J_ROOT, else {@code <tmpdir>/hcs4j-runhcs-<user>}): one directory per container,
 * named by its id, holding {@code state.json} (what the container is, which process holds it) and {@code ctl.sock}
 * (that holder's control socket). A container exists exactly as long as its directory.
 */
final class StateStore {
    /** A unix socket path must fit sockaddr_un.sun_path (108 bytes with the NUL on Linux). */
    static final int MAX_SOCKET_PATH = 107;

    /** state.json: the container's fixed facts plus the pid of the process holding it. */
    record Record(@JsonProperty("state") ContainerState state, @JsonProperty("holderPid") long holderPid) {
    }

    private final Path root;

    StateStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    static StateStore open(String rootOption) {
        String root = rootOption;
        if (root == null || root.isEmpty()) {
            root = System.getenv("HCS4J_ROOT");
        }
        if (root == null || root.isEmpty()) {
            root = Path.of(System.getProperty("java.io.tmpdir"), "hcs4j-runhcs-" + System.getProperty("user.name"))
                    .toString();
        }
        return new StateStore(Path.of(root));
    }

    Path root() {
        return root;
    }

    Path dir(String id) {
        return root.resolve(ContainerIds.validate(id));
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
        Path dir = dir(id);
        socket(id);
        try {
            if (!Files.isDirectory(root)) {
                Files.createDirectories(root);
                try {
                    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the directory inherits its parent's ACL
                }
            }
            Files.createDirectory(dir);
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
        if (!Files.isDirectory(root)) {
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
