package io.msr.internal.backup;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Translates a PostgreSQL JDBC URL and its credentials into the libpq environment variables ({@code PGHOST},
 * {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER}, {@code PGPASSWORD}, {@code PGSSLMODE}, ...) that
 * {@code pg_dump} and {@code pg_restore} read, so that no connection detail, and above all no password, is
 * passed on their command line, where any user of the machine could read it.
 *
 * <p>Understands {@code jdbc:postgresql://host[:port][,host[:port]...]/database?params}, IPv6 hosts in brackets,
 * {@code jdbc:postgresql:database}, and the pgJDBC parameters that have a libpq equivalent: {@code user},
 * {@code password}, {@code sslmode} ({@code ssl=true} alone means {@code verify-full}, as in pgJDBC),
 * {@code sslrootcert}, {@code sslcert}, {@code sslkey}, {@code connectTimeout}, {@code targetServerType} and
 * {@code options}. URL parameters win over the separate user and password, as they do in pgJDBC.
 */
public final class LibpqEnvironment {

    private static final String PREFIX = "jdbc:postgresql:";

    private LibpqEnvironment() {
    }

    /** The parts of a URL the tools need. */
    record Target(String database, Map<String, String> environment) {
    }

    /**
     * Returns the database name and the environment for the tools. Throws {@link IllegalArgumentException} with
     * a message naming what is wrong (never the password) when the URL is not a PostgreSQL JDBC URL.
     */
    static Target of(ConnectionDetails details) {
        String url = details.jdbcUrl();
        if (url == null || !url.startsWith(PREFIX)) {
            throw new IllegalArgumentException("backups use pg_dump and pg_restore, which need a PostgreSQL JDBC URL"
                    + " (jdbc:postgresql://host:port/database), not " + describe(url));
        }
        String rest = url.substring(PREFIX.length());
        String query = "";
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        List<String> hosts = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        String database;
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            database = slash < 0 ? "" : rest.substring(slash + 1);
            for (String hostPort : authority.split(",")) {
                addHost(hostPort, hosts, ports);
            }
        } else {
            database = rest;
        }
        Map<String, String> parameters = parameters(query);
        Map<String, String> environment = new LinkedHashMap<>();
        if (!hosts.isEmpty()) {
            environment.put("PGHOST", String.join(",", hosts));
            environment.put("PGPORT", String.join(",", ports));
        }
        database = decode(database);
        if (database.isEmpty()) {
            database = firstNonNull(parameters.get("user"), details.user(), System.getProperty("user.name"));
        }
        environment.put("PGDATABASE", database);
        String user = firstNonNull(parameters.get("user"), details.user(), null);
        if (user != null) {
            environment.put("PGUSER", user);
        }
        String password = firstNonNull(parameters.get("password"), details.password(), null);
        if (password != null && !password.isEmpty()) {
            environment.put("PGPASSWORD", password);
        }
        String sslMode = parameters.get("sslmode");
        if (sslMode == null && "true".equalsIgnoreCase(parameters.get("ssl"))) {
            sslMode = "verify-full";
        }
        putIfPresent(environment, "PGSSLMODE", sslMode);
        putIfPresent(environment, "PGSSLROOTCERT", parameters.get("sslrootcert"));
        putIfPresent(environment, "PGSSLCERT", parameters.get("sslcert"));
        putIfPresent(environment, "PGSSLKEY", parameters.get("sslkey"));
        putIfPresent(environment, "PGCONNECT_TIMEOUT", parameters.get("connectTimeout"));
        putIfPresent(environment, "PGOPTIONS", parameters.get("options"));
        String serverType = parameters.get("targetServerType");
        if (serverType != null) {
            environment.put("PGTARGETSESSIONATTRS", switch (serverType.toLowerCase(Locale.ROOT)) {
                case "primary", "master" -> "read-write";
                case "secondary", "slave" -> "standby";
                case "prefersecondary", "preferslave" -> "prefer-standby";
                default -> "any";
            });
        }
        environment.put("PGAPPNAME", "msr backup");
        return new Target(database, environment);
    }

    private static void addHost(String hostPort, List<String> hosts, List<String> ports) {
        String host = hostPort;
        String port = "5432";
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            host = hostPort.substring(1, close);
            if (close + 1 < hostPort.length() && hostPort.charAt(close + 1) == ':') {
                port = hostPort.substring(close + 2);
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            if (colon >= 0) {
                host = hostPort.substring(0, colon);
                port = hostPort.substring(colon + 1);
            }
        }
        hosts.add(host.isEmpty() ? "localhost" : host);
        ports.add(port.isEmpty() ? "5432" : port);
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(decode(key), decode(value));
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static void putIfPresent(Map<String, String> environment, String name, String value) {
        if (value != null && !value.isEmpty()) {
            environment.put(name, value);
        }
    }

    private static String firstNonNull(String first, String second, String third) {
        return first != null ? first : second != null ? second : third;
    }

    private static String describe(String url) {
        if (url == null) {
            return "no URL";
        }
        int colon = url.indexOf(':', "jdbc:".length());
        return "'" + (colon > 0 ? url.substring(0, colon + 1) : "a URL without a scheme") + "...'";
    }
}
