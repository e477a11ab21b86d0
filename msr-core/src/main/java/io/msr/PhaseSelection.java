package io.msr;

import java.util.Locale;

/**
 * Which migrations a migrate run applies by their {@link DeployPhase} ({@code msr.phase}). Version order is kept in
 * every case: a run never applies a migration while an older pending one it does not select waits, except that
 * {@link #PRE_DEPLOY} leaves the post-deploy migrations newer than every pending pre-deploy one for the post-deploy
 * run.
 */
public enum PhaseSelection {
    /**
     * The pending pre-deploy migrations, and first any post-deploy ones older than one of them (a previous release's
     * contract step is never skipped): everything pending up to the newest pending pre-deploy migration. The
     * default of the one-shot migrate mode.
     */
    PRE_DEPLOY,
    /**
     * The pending post-deploy migrations, once no pre-deploy migration is pending (the run is refused while one is).
     */
    POST_DEPLOY,
    /** Every pending migration, whatever its phase: the default of the engine, migrate-on-start and dry runs. */
    ALL;

    /** Returns the property value that selects this, e.g. {@code post-deploy}. */
    public String propertyValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
