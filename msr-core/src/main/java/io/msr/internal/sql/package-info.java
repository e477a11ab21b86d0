/**
 * The one SQL lexer and the statement splitter that follows PostgreSQL's parser, placeholder replacement and its
 * boundaries, and the psql commands and transaction control found in a script. Uses no other package of msr-core
 * (docs/architecture.md).
 */
package io.msr.internal.sql;
