package io.hcs4j.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The seeds of a Jazzer fuzz target, put where Jazzer keeps the target's generated corpus
 * ({@code .cifuzz-corpus/<class>/<method>} in the module) before a fuzzing run ({@code JAZZER_FUZZ} set) starts; a
 * regression run reads its seeds itself. Shared with the other modules' fuzz targets through schema's test jar.
 */
public final class FuzzCorpus {
    private FuzzCorpus() {
    }

    public static void seed(Class<?> target, String method, List<byte[]> seeds) throws IOException {
        if (System.getenv("JAZZER_FUZZ") == null) {
            return;
        }
        Path corpus = Path.of(".cifuzz-corpus", target.getName(), method);
        Files.createDirectories(corpus);
        for (int i = 0; i < seeds.size(); i++) {
            Files.write(corpus.resolve("seed-" + i), seeds.get(i));
        }
    }
}
