package io.msr.test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a {@code jdbc:postgresql://host:port/db?params} URL that the test server needs.
 *
 * @param host            the host
 * @param port            the port, 5432 when absent
 * @param user            the {@code user} parameter, or null
 * @param password        the {@code password} parameter, or null
 * @param otherParameters the remaining query parameters, kept for every database URL
 */
record TestUrl(String host, int port, String user, String password, String otherParameters) {

    static TestUrl parse(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("MSR_TEST_POSTGRES_URL must be a jdbc:postgresql:// URL");
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String user = null;
        String password = null;
        List<String> others = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                if ("user".equals(name)) {
                    user = value;
                } else if ("password".equals(name)) {
                    password = value;
                } else if (!pair.isEmpty()) {
                    others.add(pair);
                }
            }
        }
        return new TestUrl(uri.getHost() == null ? "localhost" : uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                user, password, String.join("&", others));
    }
}
