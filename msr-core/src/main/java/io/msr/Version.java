package io.msr;

import org.jspecify.annotations.Nullable;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A migration version: one or more non-negative whole numbers, written {@code 42}, {@code 1.1} or {@code 2.0.10}
 * ({@code 2_0_10} in a file name reads the same). Versions order part by part, numerically, a missing part counting as
 * zero, so {@code 1.2 < 1.10 < 2} and {@code 1} equals {@code 1.0}, as Flyway orders them. MSR's own naming uses
 * single-part versions; dotted ones come with {@code msr.naming=flyway}.
 */
public final class Version implements Comparable<Version> {

    private final List<BigInteger> parts;
    private final String text;

    private Version(List<BigInteger> parts) {
        this.parts = Collections.unmodifiableList(parts);
        StringBuilder text = new StringBuilder();
        for (BigInteger part : parts) {
            text.append(text.length() == 0 ? "" : ".").append(part);
        }
        this.text = text.toString();
    }

    /** Returns the single-part version {@code number}; it must not be negative. */
    public static Version of(long number) {
        if (number < 0) {
            throw new IllegalArgumentException("A version cannot be negative: " + number);
        }
        return new Version(List.of(BigInteger.valueOf(number)));
    }

    /**
     * Parses digits separated by dots or underscores ({@code 1}, {@code 1.1}, {@code 2_0_10}); leading zeros are
     * ignored ({@code 007} is {@code 7}).
     *
     * @throws IllegalArgumentException naming the text when it is not such a version
     */
    public static Version parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("A version cannot be empty");
        }
        List<BigInteger> parts = new ArrayList<>();
        for (String part : text.split("[._]", -1)) {
            if (part.isEmpty() || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("'" + text + "' is not a version: use digits separated by dots,"
                        + " such as 42 or 1.2.3");
            }
            parts.add(new BigInteger(part));
        }
        return new Version(parts);
    }

    /** Returns the parts, most significant first. */
    public List<BigInteger> parts() {
        return parts;
    }

    /** Returns true when the version is one part that fits a {@code long}, as every version of MSR's own naming. */
    public boolean isNumber() {
        return parts.size() == 1 && parts.get(0).bitLength() < 64;
    }

    /**
     * Returns the version as a number.
     *
     * @throws IllegalStateException when it is not {@linkplain #isNumber() a number}
     */
    public long toLong() {
        if (!isNumber()) {
            throw new IllegalStateException("Version " + text + " is not a single number");
        }
        return parts.get(0).longValueExact();
    }

    /**
     * Returns the value written to JSON and metrics: a {@link Long} when the version is a number, its text otherwise,
     * so output for MSR's own naming keeps numeric versions.
     */
    public Object jsonValue() {
        return isNumber() ? (Object) toLong() : text;
    }

    /** Returns {@link #jsonValue()} of a version that may be null (null then). */
    public static @Nullable Object jsonValue(@Nullable Version version) {
        return version == null ? null : version.jsonValue();
    }

    /** Returns the version as written, dots between the parts, without leading zeros. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public int compareTo(Version other) {
        int size = Math.max(parts.size(), other.parts.size());
        for (int i = 0; i < size; i++) {
            int compared = part(i).compareTo(other.part(i));
            if (compared != 0) {
                return compared;
            }
        }
        return 0;
    }

    /** Returns true when {@code other} is below this version. */
    public boolean isAbove(Version other) {
        return compareTo(other) > 0;
    }

    /** Returns true when {@code other} is above this version. */
    public boolean isBelow(Version other) {
        return compareTo(other) < 0;
    }

    private BigInteger part(int index) {
        return index < parts.size() ? parts.get(index) : BigInteger.ZERO;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Version version && compareTo(version) == 0;
    }

    @Override
    public int hashCode() {
        int last = parts.size();
        while (last > 1 && parts.get(last - 1).signum() == 0) {
            last--;
        }
        return parts.subList(0, last).hashCode();
    }
}
