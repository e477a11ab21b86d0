package io.msr.internal.backup;

import io.msr.Redaction;
import org.jspecify.annotations.Nullable;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Translates a PostgreSQL JDBC URL and its credentials into the libpq environment variables ({@code PGHOST},
 * {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER}, {@code PGPASSWORD}, {@code PGSSLMODE}, ...) that
 * {@code pg_dump} and {@code pg_restore} read, so that the tools reach the very server, database and user that
 * pgJDBC connects to, and no connection detail, above all no password, is passed on their command line, where any
 * user of the machine could read it.
 *
 * <p>The URL is read by pgJDBC itself, through the standard {@link Driver#getPropertyInfo} (the core has no compile
 * dependency on the driver, which is on the class path wherever a URL is used): every form pgJDBC accepts means
 * what it means to pgJDBC, with its defaults ({@code jdbc:postgresql:db} and an empty host are localhost, a missing
 * port is 5432, a missing database is the user's), its decoding, its {@code service} files, and URL parameters
 * winning over the separate user and password. The result is mapped to libpq: IPv6 addresses lose their brackets,
 * several hosts become lists, {@code sslmode} (or {@code ssl=true} alone: {@code verify-full}; neither:
 * {@code prefer}), {@code sslrootcert}, {@code sslcert}, {@code sslkey}, {@code connectTimeout},
 * {@code targetServerType}, {@code loadBalanceHosts} and {@code options} carry over, and a user-less URL connects as
 * the Java process's user, as pgJDBC does.
 */
final class LibpqEnvironment {

    private static final String PREFIX = "jdbc:postgresql:";
    private static final String FORMS = "jdbc:postgresql://host:port/database?parameters, with several host:port"
            + " pairs separated by commas, or jdbc:postgresql:database";

    /**
     * libpq variables the tools would otherwise inherit from this process, each able to change where or how they
     * connect, while pgJDBC ignores them: removed unless the URL sets them.
     */
    private static final List<String> INHERITED = List.of("PGHOSTADDR", "PGSERVICE", "PGPASSWORD", "PGOPTIONS",
            "PGSSLROOTCERT", "PGSSLCERT", "PGSSLKEY");

    private LibpqEnvironment() {
    }

    /**
     * The parts of a URL the tools need.
     *
     * @param database    the database name, decoded
     * @param environment the variables to give the tools, in place of inherited ones of the same name; a variable
     *                    mapped to null is removed from what they inherit
     */
    record Target(String database, Map<String, @Nullable String> environment) {
    }

    /**
     * Returns the database name and the environment for the tools. Throws {@link IllegalArgumentException} with
     * a message naming what is wrong (never the password) when the URL is not a PostgreSQL JDBC URL, when pgJDBC
     * does not accept it, or when pgJDBC is not on the class path.
     */
    static Target of(ConnectionDetails details) {
        String url = details.jdbcUrl();
        if (url == null || !url.startsWith(PREFIX)) {
            throw new IllegalArgumentException("backups use pg_dump and pg_restore, which need a PostgreSQL JDBC URL"
                    + " (jdbc:postgresql://host:port/database), not " + describe(url));
        }
        Map<String, String> parsed = parsedByPgJdbc(details);
        Map<String, @Nullable String> environment = new LinkedHashMap<>();
        INHERITED.forEach(name -> environment.put(name, null));
        List<String> hosts = new ArrayList<>();
        for (String host : parsed.get("PGHOST").split(",", -1)) {
            hosts.add(libpqHost(host));
        }
        environment.put("PGHOST", String.join(",", hosts));
        environment.put("PGPORT", parsed.get("PGPORT"));
        String user = parsed.get("user");
        if (user == null || user.isEmpty()) {
            user = System.getProperty("user.name");
        }
        String database = parsed.get("PGDBNAME");
        if (database == null || database.isEmpty()) {
            database = user;
        }
        environment.put("PGDATABASE", database);
        environment.put("PGUSER", user);
        putIfPresent(environment, "PGPASSWORD", parsed.get("password"));
        environment.put("PGSSLMODE", sslMode(parsed.get("sslmode"), parsed.get("ssl")));
        putIfPresent(environment, "PGSSLROOTCERT", parsed.get("sslrootcert"));
        putIfPresent(environment, "PGSSLCERT", parsed.get("sslcert"));
        putIfPresent(environment, "PGSSLKEY", parsed.get("sslkey"));
        putIfPresent(environment, "PGCONNECT_TIMEOUT", parsed.get("connectTimeout"));
        putIfPresent(environment, "PGOPTIONS", parsed.get("options"));
        environment.put("PGTARGETSESSIONATTRS", sessionAttributes(parsed.get("targetServerType")));
        // libpq 16 and later read it; older releases ignore a variable they do not know.
        environment.put("PGLOADBALANCEHOSTS", "true".equalsIgnoreCase(parsed.get("loadBalanceHosts"))
                ? "random" : "disable");
        environment.put("PGAPPNAME", "msr backup");
        return new Target(database, Collections.unmodifiableMap(environment));
    }

    /** Returns every property pgJDBC reads from the URL and the credentials, its defaults filled in. */
    private static Map<String, String> parsedByPgJdbc(ConnectionDetails details) {
        String url = details.jdbcUrl();
        Properties given = new Properties();
        if (details.user() != null) {
            given.setProperty("user", details.user());
        }
        if (details.password() != null) {
            given.setProperty("password", details.password());
        }
        Driver driver = driverFor(url, details.password());
        Map<String, String> parsed = new HashMap<>();
        try {
            for (DriverPropertyInfo property : driver.getPropertyInfo(url, given)) {
                if (property.value != null) {
                    parsed.put(property.name, property.value);
                }
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException("the JDBC driver could not read the URL "
                    + Redaction.redact(url, details.password()) + ": " + Redaction.redact(e.getMessage(),
                    details.password()), e);
        }
        if (parsed.get("PGHOST") == null || parsed.get("PGPORT") == null) {
            throw new IllegalArgumentException("the JDBC driver " + driver.getClass().getName() + " that took the URL "
                    + Redaction.redact(url, details.password()) + " does not report its host and port as the"
                    + " PostgreSQL driver (pgJDBC, org.postgresql:postgresql) does");
        }
        return parsed;
    }

    private static Driver driverFor(String url, @Nullable String password) {
        String named = Redaction.redact(url, password);
        try {
            // pgJDBC logs a URL it refuses, password and all: the URL with its password masked is refused alike.
            Driver driver = DriverManager.getDriver(Redaction.redact(url));
            if (driver.acceptsURL(url)) {
                return driver;
            }
        } catch (SQLException e) {
            if (DriverManager.drivers().noneMatch(driver -> accepts(driver, "jdbc:postgresql://localhost/postgres"))) {
                throw new IllegalArgumentException("no PostgreSQL JDBC driver on the class path reads the URL " + named
                        + " (expected " + FORMS + "); add org.postgresql:postgresql", e);
            }
        }
        throw new IllegalArgumentException("the PostgreSQL JDBC driver does not accept the URL " + named + "; give "
                + FORMS);
    }

    private static boolean accepts(Driver driver, String url) {
        try {
            return driver.acceptsURL(url);
        } catch (SQLException e) {
            return false;
        }
    }

    /** pgJDBC keeps an IPv6 address in its brackets and reads an empty host as localhost; libpq wants neither. */
    private static String libpqHost(String host) {
        if (host.isEmpty()) {
            return "localhost";
        }
        if (host.length() > 1 && host.startsWith("[") && host.endsWith("]")) {
            return host.substring(1, host.length() - 1);
        }
        return host;
    }

    /** pgJDBC's choice: {@code sslmode} when given, else {@code ssl} (true or empty) means verify-full. */
    private static String sslMode(@Nullable String sslMode, @Nullable String ssl) {
        if (sslMode != null && !sslMode.isEmpty()) {
            return sslMode.toLowerCase(Locale.ROOT);
        }
        return ssl != null && (ssl.isEmpty() || "true".equalsIgnoreCase(ssl)) ? "verify-full" : "prefer";
    }

    /**
     * pgJDBC's {@code targetServerType} as libpq's {@code target_session_attrs}. pgJDBC's primary is a server that
     * accepts writes (read-write); libpq has no prefer-primary, so preferPrimary is any, as pgJDBC's fallback is.
     */
    private static String sessionAttributes(@Nullable String serverType) {
        if (serverType == null) {
            return "any";
        }
        return switch (serverType.toLowerCase(Locale.ROOT)) {
            case "primary", "master" -> "read-write";
            case "secondary", "slave" -> "standby";
            case "prefersecondary", "preferslave" -> "prefer-standby";
            default -> "any";
        };
    }

    private static void putIfPresent(Map<String, @Nullable String> environment, String name,
            @Nullable String value) {
        if (value != null && !value.isEmpty()) {
            environment.put(name, value);
        }
    }

    private static String describe(@Nullable String url) {
        if (url == null) {
            return "no URL";
        }
        int colon = url.indexOf(':', "jdbc:".length());
        return "'" + (colon > 0 ? url.substring(0, colon + 1) : "a URL without a scheme") + "...'";
    }
}
