package io.msr;

/** How migrations are wrapped in transactions. A file's {@code -- msr:transaction=} directive overrides it. */
public enum TransactionMode {
    /** Each migration and its history row commit together (the default). */
    PER_MIGRATION,
    /** All pending migrations run in one transaction: if any fails, none is applied. */
    PER_BATCH,
    /** No transaction is opened; every statement commits on its own. */
    NONE
}
