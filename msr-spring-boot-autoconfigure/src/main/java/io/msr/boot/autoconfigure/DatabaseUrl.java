package io.msr.boot.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A {@code postgres://user:password@host:port/database?params} URL as platforms hand them out in
 * {@code DATABASE_URL}, turned into a JDBC URL and credentials. User and password are URL-decoded; query
 * parameters such as {@code sslmode} are kept.
 *
 * @param jdbcUrl  the JDBC URL, without credentials
 * @param username the user, or null
 * @param password the password, or null
 */
record DatabaseUrl(String jdbcUrl, String username, String password) {

    /**
     * Parses the URL held by the variable {@code name}; throws {@link IllegalArgumentException} naming the
     * variable (never the password) when it is not a postgres URL.
     */
    static DatabaseUrl parse(String name, String value) {
        String text = value.trim();
        if (!text.startsWith("postgres://") && !text.startsWith("postgresql://")) {
            throw new IllegalArgumentException(name + " must look like postgres://user:password@host:5432/database"
                    + " (got a value starting with '" + scheme(text) + "')");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " is not a valid URL (" + e.getReason()
                    + "); percent-encode special characters in the user and password");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException(name + " has no host; expected postgres://user:password@host:5432/database");
        }
        String path = uri.getRawPath();
        if (path == null || path.length() <= 1) {
            throw new IllegalArgumentException(name + " names no database; expected postgres://user:password@host:5432/database");
        }
        String username = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new DatabaseUrl(jdbc, username, password);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String scheme(String text) {
        int colon = text.indexOf(':');
        return colon < 0 ? (text.length() > 8 ? text.substring(0, 8) : text) : text.substring(0, colon);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + ", user " + username + "]";
    }
}
