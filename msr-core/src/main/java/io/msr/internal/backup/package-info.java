/**
 * Backups with pg_dump and pg_restore: the backup folder and files with their SHA-256, the tools' environment, and
 * what a run created, so that the rollback by backup drops only that (docs/architecture.md).
 *
 * <p>Nothing in this package is null unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.msr.internal.backup;

import org.jspecify.annotations.NullMarked;
