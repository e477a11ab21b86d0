package io.msr.internal.adopt;

import io.msr.internal.source.ResolvedMigration;

import java.util.List;

/** Another tool's history as read, before it is compared with the local migrations. */
@FunctionalInterface
public interface AdoptableHistory {

    /** Plans taking it over, given the local migrations. */
    Adoption adoption(List<ResolvedMigration> resolved);
}
