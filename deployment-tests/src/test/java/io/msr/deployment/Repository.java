package io.msr.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the repository the tests check, from the module's working directory. */
final class Repository {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path DOCKER = ROOT.resolve("docker");
    static final Path K8S = ROOT.resolve("k8s");
    static final Path CHART = K8S.resolve("helm/msr-sample");

    private Repository() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
