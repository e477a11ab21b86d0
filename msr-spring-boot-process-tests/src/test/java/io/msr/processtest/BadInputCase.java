package io.msr.processtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One case of the bad-input corpus: a folder with {@code case.properties} (expected {@code exit} code and
 * {@code message} fragment, optional {@code args} separated by {@code |}, {@code env.*} variables,
 * {@code setup-sql}, {@code cleanup-sql}, {@code hold-lock}, {@code generate}, {@code symlinked-result-files}: the
 * summary and termination message paths are symbolic links to another file, which must stay untouched),
 * {@code secret}: a value that must appear nowhere, like the password), {@code expect-sql} and {@code expect-rows}
 * (separated by {@code |}): for a case that must change the database exactly so, the rows the query returns
 * afterwards, checked instead of an unchanged schema), its {@code migrations/} and,
 * optionally, {@code setup/} migrations applied before the case runs. Values may use {@code ${migrations}},
 * {@code ${password}}, {@code ${host}}, {@code ${port}} and {@code ${db}}.
 */
record BadInputCase(String name, Path folder, int exit, String message, List<String> args, Map<String, String> env,
        String setupSql, String cleanupSql, boolean holdLock, String generate, boolean symlinkedResultFiles,
        String secret, String expectSql, List<String> expectRows) {

    static final String DEFAULT_ARGS = "--msr.mode=migrate|--msr.locations=filesystem:${migrations}";
    static final String DEFAULT_URL = "postgres://${user}:${password}@${host}:${port}/${db}";

    static BadInputCase load(Path folder) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(folder.resolve("case.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DATABASE_URL", DEFAULT_URL);
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("env.")) {
                env.put(key.substring(4), properties.getProperty(key));
            }
        }
        return new BadInputCase(folder.getFileName().toString(), folder,
                Integer.parseInt(properties.getProperty("exit")), properties.getProperty("message"),
                Arrays.asList(properties.getProperty("args", DEFAULT_ARGS).split("\\|")), env,
                properties.getProperty("setup-sql"), properties.getProperty("cleanup-sql"),
                Boolean.parseBoolean(properties.getProperty("hold-lock")), properties.getProperty("generate"),
                Boolean.parseBoolean(properties.getProperty("symlinked-result-files")),
                properties.getProperty("secret"), properties.getProperty("expect-sql"),
                properties.getProperty("expect-rows") == null ? List.of()
                        : Arrays.asList(properties.getProperty("expect-rows").split("\\|")));
    }
}
