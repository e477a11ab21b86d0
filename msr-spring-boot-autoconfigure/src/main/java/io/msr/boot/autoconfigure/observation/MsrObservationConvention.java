package io.msr.boot.autoconfigure.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names one of MSR's observations and chooses its keys. Define a bean to replace the default for its
 * {@link #kind()}; the simplest way is to extend {@link DefaultMsrObservationConvention} and override one method:
 *
 * <pre>{@code
 * @Bean
 * MsrObservationConvention migrationSpanNamedByVersion() {
 *     return new DefaultMsrObservationConvention(MsrObservationContext.Kind.MIGRATION) {
 *         @Override
 *         public String getContextualName(MsrObservationContext context) {
 *             return "migrate V" + context.version();
 *         }
 *     };
 * }
 * }</pre>
 *
 * Keep {@link #getLowCardinalityKeyValues} bounded and the same keys on every call: they become meter tags.
 */
public interface MsrObservationConvention extends ObservationConvention<MsrObservationContext> {

    /** Returns which observation this convention is for. */
    MsrObservationContext.Kind kind();

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof MsrObservationContext msr && msr.kind() == kind();
    }
}
