/**
 * The zero-downtime lint: the rules that flag statements which block traffic, break the previous release during a
 * rolling update or cannot run as written, their findings, and the generated page docs/lint-rules.md
 * (docs/architecture.md).
 *
 * <p>Nothing in this package is null unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.msr.internal.lint;

import org.jspecify.annotations.NullMarked;
