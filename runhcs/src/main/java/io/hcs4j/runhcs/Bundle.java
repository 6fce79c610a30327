package io.hcs4j.runhcs;

import io.hcs4j.schema.Json;
import io.hcs4j.schema.SchemaException;
import io.hcs4j.schema.oci.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An OCI bundle: a directory with config.json. Windows containers take their root from {@code windows.layerFolders}
 * (parent layers topmost first, the writable layer last), not from {@code root.path}; relative layer folders are
 * resolved against the bundle, so a bundle can ship its layers beside its config.
 */
record Bundle(Path dir, Spec spec) {

    static Bundle load(String bundleOption) {
        Path dir = Path.of(bundleOption == null || bundleOption.isEmpty() ? "." : bundleOption).toAbsolutePath()
                .normalize();
        if (!Files.isDirectory(dir)) {
            throw new RunhcsException("bundle " + dir + " does not exist or is not a directory");
        }
        Path config = dir.resolve("config.json");
        Spec spec;
        try {
            spec = Json.read(Files.readAllBytes(config), Spec.class);
        } catch (NoSuchFileException e) {
            throw new RunhcsException("bundle " + dir + " has no config.json");
        } catch (IOException e) {
            throw new RunhcsException("cannot read " + config + ": " + e.getMessage());
        } catch (SchemaException e) {
            throw new RunhcsException("invalid " + config + ": " + oneLine(e.getMessage()));
        }
        if (spec.process == null || ((spec.process.args == null || spec.process.args.isEmpty())
                && (spec.process.commandLine == null || spec.process.commandLine.isEmpty()))) {
            throw new RunhcsException("invalid " + config + ": process.args (or process.commandLine) is required");
        }
        if (spec.windows == null) {
            throw new RunhcsException("invalid " + config + ": no windows section (runhcs runs Windows containers)");
        }
        List<String> layers = spec.windows.layerFolders;
        if (layers == null || layers.size() < 2) {
            throw new RunhcsException("invalid " + config
                    + ": windows.layerFolders needs at least one parent layer and the writable layer");
        }
        List<String> resolved = new ArrayList<>();
        for (String layer : layers) {
            Path p = dir.resolve(layer).normalize();
            if (!Files.isDirectory(p)) {
                throw new RunhcsException("invalid " + config + ": layer folder " + p + " does not exist");
            }
            resolved.add(p.toString());
        }
        spec.windows.layerFolders = resolved;
        return new Bundle(dir, spec);
    }

    /** The message on one line, without Jackson's source-location boilerplate. */
    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").replaceAll("\\[Source: [^;\\]]*; ", "[").trim();
    }
}
