package io.newsflow.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root from wherever JMH's fork runs. */
final class Roots {

    private Roots() {
    }

    static Path repository() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("samples"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Run the benchmarks from inside the repository");
    }
}
