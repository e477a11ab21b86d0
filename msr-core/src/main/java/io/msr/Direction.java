package io.msr;

/** Which way a migration runs; also the operation recorded in the history table. */
public enum Direction {
    /** Applies a migration. */
    UP,
    /** Reverts a migration with its down script. */
    DOWN
}
