/**
 * The {@code msr} Actuator endpoint: the schema's state as verify mode read it, and the last operation of
 * migrate-on-start. Uses {@code verify} only (docs/architecture.md).
 *
 * <p>Nothing in this package is null unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.msr.boot.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
