/**
 * Pure planning: resolved migrations + applied history + settings -> a plan or the issues that prevent one. No
 * JDBC, so most of its tests need no database (docs/architecture.md).
 */
package io.msr.internal.plan;
