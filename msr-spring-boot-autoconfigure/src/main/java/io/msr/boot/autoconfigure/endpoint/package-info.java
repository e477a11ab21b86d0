/**
 * The {@code msr} Actuator endpoint: the schema's state as verify mode read it, and the last operation of
 * migrate-on-start. Uses {@code verify} only (docs/architecture.md).
 */
package io.msr.boot.autoconfigure.endpoint;
