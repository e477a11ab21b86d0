package io.msr.boot.autoconfigure.datasource;

import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A {@code postgres://user:password@host:port/database?params} URL as platforms hand them out in
 * {@code DATABASE_URL}, turned into a JDBC URL and credentials. User and password are URL-decoded; query
 * parameters such as {@code sslmode} are kept.
 *
 * @param jdbcUrl  the JDBC URL, without credentials
 * @param username the user, or null
 * @param password the password, or null
 */
public record DatabaseUrl(String jdbcUrl, @Nullable String username, @Nullable String password) {

    /** The characters that end a URL's user info or host early unless percent-encoded. */
    private static final String RESERVED = "@#/?";
    /** What follows the user info: hosts (each with an optional port) and a database, then the query. */
    private static final Pattern HOST_AND_DATABASE = Pattern.compile(
            "(?:\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._~%-]+)(?::\\d*)?(?:,(?:\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._~%-]+)(?::\\d*)?)*"
            + "/[^/?#@]+(?:[?#].*)?", Pattern.DOTALL);

    /**
     * Parses the URL held by the variable {@code name}; throws {@link IllegalArgumentException} naming the
     * variable (never the password) when it is not a postgres URL.
     */
    public static DatabaseUrl parse(String name, String value) {
        String text = value.trim();
        if (!text.startsWith("postgres://") && !text.startsWith("postgresql://")) {
            throw new IllegalArgumentException(name + " must look like postgres://user:password@host:5432/database"
                    + " (got a value starting with '" + scheme(text) + "')");
        }
        requireEncodedUserInfo(name, text);
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

    /**
     * Refuses a user or password holding a raw {@code @ # / ?}: each ends the user info or the host early, so the URL
     * would name another host, or none, and the password would end up elsewhere. The user info is taken up to the last
     * {@code @} that a host and a database follow; the message names the characters, never the value.
     */
    private static void requireEncodedUserInfo(String name, String text) {
        String rest = text.substring(text.indexOf("://") + 3);
        for (int at = rest.lastIndexOf('@'); at > 0; at = rest.lastIndexOf('@', at - 1)) {
            if (!HOST_AND_DATABASE.matcher(rest.substring(at + 1)).matches()) {
                continue;
            }
            String userInfo = rest.substring(0, at);
            int colon = userInfo.indexOf(':');
            StringBuilder found = new StringBuilder();
            boolean inPassword = false;
            for (int i = 0; i < RESERVED.length(); i++) {
                char c = RESERVED.charAt(i);
                int index = userInfo.indexOf(c);
                if (index >= 0) {
                    found.append(found.length() == 0 ? "" : ", ").append('\'').append(c).append("' (%")
                            .append(String.format("%02X", (int) c)).append(')');
                    inPassword |= colon >= 0 && userInfo.indexOf(c, colon) >= 0;
                }
            }
            if (found.length() > 0) {
                throw new IllegalArgumentException(name + " has an unencoded " + found + " in its "
                        + (inPassword ? "password" : "user name") + ": percent-encode the user and password in the URL"
                        + " (write each such character as shown in brackets), as they would otherwise end the user"
                        + " and password early");
            }
            return;
        }
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
