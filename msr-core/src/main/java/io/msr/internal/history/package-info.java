/**
 * The history: what was applied, replayed into the state of each version, and the contract of the history table
 * that records it (docs/architecture.md).
 */
package io.msr.internal.history;
