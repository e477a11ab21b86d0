/**
 * The one SQL lexer and the statement splitter that follows PostgreSQL's parser, placeholder replacement and its
 * boundaries, and the psql commands and transaction control found in a script. Uses no other package of msr-core
 * (docs/architecture.md).
 *
 * <p>Nothing in this package is null unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.msr.internal.sql;

import org.jspecify.annotations.NullMarked;
