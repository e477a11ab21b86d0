package io.msr.boot.autoconfigure.verify;

import io.msr.DriftResult;
import io.msr.Version;
import io.msr.ExitCode;
import io.msr.InfoResult;
import io.msr.LockStatus;
import io.msr.MigrationInfo;
import io.msr.MigrationState;
import io.msr.MigrationType;
import io.msr.Msr;
import io.msr.Operation;
import io.msr.OperationResult;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A test double of {@link Msr}: {@code info()} and {@code drift()} answer what the test scripts (a reading, or an
 * exception; drift answers "no fingerprint" until scripted), and {@code migrate()} succeeds with nothing to do. Other
 * operations are not supported.
 */
final class ScriptedMsr implements Msr {

    private volatile Supplier<InfoResult> info;
    private final AtomicInteger infoCalls = new AtomicInteger();
    private volatile Supplier<DriftResult> drift = () -> new DriftResult(DriftResult.Status.NO_FINGERPRINT,
            Version.of(1), List.of("app"), null, null, 0, List.of(), "No fingerprint is recorded");
    private final AtomicInteger driftCalls = new AtomicInteger();

    ScriptedMsr(Supplier<InfoResult> info) {
        this.info = info;
    }

    /** A reading with version 1 applied and the given versions pending. */
    static InfoResult pending(long... versions) {
        List<MigrationInfo> migrations = new ArrayList<>();
        migrations.add(migration(1, MigrationState.APPLIED));
        for (long version : versions) {
            migrations.add(migration(version, MigrationState.PENDING));
        }
        long latest = versions.length == 0 ? 1 : versions[versions.length - 1];
        return new InfoResult(Version.of(1), Version.of(latest), migrations, List.of(), true, List.of());
    }

    /** A reading with version 1 applied and nothing pending. */
    static InfoResult current() {
        return pending();
    }

    static MigrationInfo migration(long version, MigrationState state) {
        boolean applied = state == MigrationState.APPLIED;
        return new MigrationInfo(Version.of(version), "m" + version, MigrationType.SQL, "V" + version + "_m.up.sql", state, "c",
                applied ? "c" : null, false, applied ? Instant.EPOCH : null, applied ? "app" : null,
                applied ? 1L : null);
    }

    /** Scripts the next readings. */
    void answer(Supplier<InfoResult> next) {
        this.info = next;
    }

    int infoCalls() {
        return infoCalls.get();
    }

    /** Scripts the next drift checks. */
    void answerDrift(Supplier<DriftResult> next) {
        this.drift = next;
    }

    int driftCalls() {
        return driftCalls.get();
    }

    @Override
    public DriftResult drift() {
        driftCalls.incrementAndGet();
        return drift.get();
    }

    @Override
    public DriftResult recordFingerprint() {
        throw new UnsupportedOperationException();
    }

    @Override
    public InfoResult info() {
        infoCalls.incrementAndGet();
        return info.get();
    }

    @Override
    public OperationResult migrate() {
        return new OperationResult(Operation.MIGRATE, ExitCode.SUCCESS, Instant.EPOCH, 1, Version.of(1), Version.of(1), List.of(),
                List.of(), List.of(), null);
    }

    @Override
    public OperationResult migrate(Version target) {
        return migrate();
    }

    @Override
    public OperationResult validate() {
        throw new UnsupportedOperationException();
    }

    @Override
    public OperationResult down(Version target) {
        throw new UnsupportedOperationException();
    }

    @Override
    public OperationResult repair() {
        throw new UnsupportedOperationException();
    }

    @Override
    public OperationResult backup() {
        throw new UnsupportedOperationException();
    }

    @Override
    public OperationResult restore(Path file) {
        throw new UnsupportedOperationException();
    }

    @Override
    public OperationResult baseline(Version version) {
        throw new UnsupportedOperationException();
    }

    @Override
    public LockStatus lockStatus() {
        throw new UnsupportedOperationException();
    }

    @Override
    public LockStatus releaseLock() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Msr forSchema(String schema) {
        throw new UnsupportedOperationException("a scripted engine has one schema");
    }

    @Override
    public io.msr.AcrossSchemas acrossSchemas() {
        throw new UnsupportedOperationException("a scripted engine has one schema");
    }
}
