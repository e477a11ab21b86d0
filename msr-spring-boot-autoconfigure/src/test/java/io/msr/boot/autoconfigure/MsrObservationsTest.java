package io.msr.boot.autoconfigure;

import io.msr.boot.autoconfigure.observation.MsrMeters;
import io.msr.boot.autoconfigure.observation.MsrObservations;
import io.msr.boot.autoconfigure.observation.MsrObservationConvention;
import io.msr.boot.autoconfigure.observation.DefaultMsrObservationConvention;
import io.msr.boot.autoconfigure.observation.MsrObservationContext;
import io.msr.boot.autoconfigure.observation.ObservationMigrationListener;
import io.msr.boot.autoconfigure.observation.MicrometerMigrationListener;
import io.msr.boot.autoconfigure.observation.MsrTimerBuckets;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.msr.JavaMigration;
import io.msr.LockStatus;
import io.msr.LockTimeoutException;
import io.msr.MigrationContext;
import io.msr.MigrationFailedException;
import io.msr.Msr;
import io.msr.MsrSettings;
import io.msr.Version;
import io.msr.boot.autoconfigure.verify.SchemaMonitor;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Each run, its lock wait and each migration as Micrometer observations; never one per verify-mode refresh. */
@WithPostgres
class MsrObservationsTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private final TestObservationRegistry observations = TestObservationRegistry.create();
    private String schema;
    private ApplicationContextRunner withoutRegistry;
    private ApplicationContextRunner runner;

    MsrObservationsTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp() throws Exception {
        schema = db.freshSchema().name();
        Files.writeString(dir.resolve("V1_create_t.up.sql"), "create table " + schema + ".t (id int);");
        withoutRegistry = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MsrAutoConfiguration.class,
                        MsrActuatorAutoConfiguration.class))
                .withBean(JavaMigration.class, () -> new FillT(schema))
                .withPropertyValues("spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=" + db.username(),
                        "spring.datasource.password=" + db.password(), "msr.schema=" + schema,
                        "msr.locations=filesystem:" + dir, "msr.mode=migrate-on-start");
        runner = withoutRegistry.withBean(ObservationRegistry.class, () -> observations);
    }

    /** A Java migration, so that one run holds both types. */
    static final class FillT implements JavaMigration {

        private final String schema;

        FillT(String schema) {
            this.schema = schema;
        }

        @Override
        public Version version() {
            return Version.of(2);
        }

        @Override
        public String description() {
            return "fill t";
        }

        @Override
        public void up(MigrationContext context) throws Exception {
            try (Statement statement = context.connection().createStatement()) {
                statement.execute("insert into " + schema + ".t values (1)");
            }
        }
    }

    @Test
    void aMigrateRunIsTheParentOfItsLockWaitAndOfEachMigration() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            List<MsrObservationContext> seen = seen();
            assertThat(seen).extracting(Observation.Context::getName).containsExactly(MsrObservations.OPERATION,
                    MsrObservations.LOCK_WAIT, MsrObservations.MIGRATION, MsrObservations.MIGRATION);
            MsrObservationContext run = seen.get(0);
            assertThat(run.getContextualName()).isEqualTo("msr migrate");
            assertThat(run.getParentObservation()).isNull();
            assertThat(low(run)).containsExactlyInAnyOrder("operation=migrate", "outcome=success");
            assertThat(run.getError()).isNull();

            MsrObservationContext lock = seen.get(1);
            assertThat(lock.getContextualName()).isEqualTo("msr lock wait");
            assertThat(lock.getParentObservation().getContextView()).isSameAs(run);
            assertThat(low(lock)).containsExactlyInAnyOrder("operation=migrate", "outcome=success");
            assertThat(lock.getHighCardinalityKeyValue(MsrObservations.LOCK_KEY).getValue()).contains(schema);

            MsrObservationContext sql = seen.get(2);
            assertThat(sql.getContextualName()).isEqualTo("msr migration up");
            assertThat(sql.getParentObservation().getContextView()).isSameAs(run);
            assertThat(low(sql)).containsExactlyInAnyOrder("operation=migrate", "outcome=success", "type=sql", "direction=up",
                    "phase=pre-deploy");
            assertThat(high(sql)).containsExactlyInAnyOrder("description=create t", "script=V1_create_t.up.sql", "version=1");

            MsrObservationContext java = seen.get(3);
            assertThat(java.getParentObservation().getContextView()).isSameAs(run);
            assertThat(low(java)).contains("type=java", "outcome=success");
            assertThat(high(java)).contains("version=2", "description=fill t");
            assertThat(observations).hasObservationWithNameEqualTo(MsrObservations.OPERATION).that().hasBeenStopped();
        });
    }

    @Test
    void aFailedMigrationEndsItsObservationAndTheRunsWithTheError() throws Exception {
        Files.writeString(dir.resolve("V3_broken.up.sql"), "create table " + schema + ".t (id int);");
        runner.run(context -> {
            assertThat(context).hasFailed();
            List<MsrObservationContext> seen = seen();
            MsrObservationContext broken = seen.get(seen.size() - 1);
            assertThat(broken.getName()).isEqualTo(MsrObservations.MIGRATION);
            assertThat(low(broken)).contains("outcome=failure");
            assertThat(high(broken)).contains("version=3");
            assertThat(broken.getError()).isInstanceOf(MigrationFailedException.class);
            MsrObservationContext run = seen.get(0);
            assertThat(low(run)).contains("outcome=failure");
            assertThat(run.getError()).isSameAs(broken.getError());
        });
    }

    @Test
    void anAttemptThatFailsOnATransientErrorIsRetriedAsAnotherObservation() {
        AtomicInteger calls = new AtomicInteger();
        JavaMigration flaky = new JavaMigration() {
            @Override
            public Version version() {
                return Version.of(3);
            }

            @Override
            public String description() {
                return "flaky";
            }

            @Override
            public void up(MigrationContext context) throws Exception {
                if (calls.incrementAndGet() == 1) {
                    throw new SQLException("could not serialize access", "40001");
                }
            }
        };
        runner.withBean("flaky", JavaMigration.class, () -> flaky).run(context -> {
            assertThat(context).hasNotFailed();
            List<MsrObservationContext> third = seen().stream()
                    .filter(seen -> Version.of(3).equals(seen.version())).toList();
            assertThat(third).extracting(seen -> seen.getLowCardinalityKeyValue(MsrObservations.OUTCOME_KEY)
                    .getValue()).containsExactly("retried", "success");
            assertThat(third).allSatisfy(seen -> assertThat(seen.getParentObservation().getContextView())
                    .isSameAs(seen().get(0)));
        });
    }

    @Test
    void aLockTimeoutEndsTheLockWaitWithTheErrorAndRunsNoMigration() throws Exception {
        Msr other = Msr.builder().url(db.jdbcUrl(), db.username(), db.password())
                .settings(MsrSettings.builder().schema(schema).locations("filesystem:" + dir).build()).build();
        try (Connection holder = db.connect(); Statement statement = holder.createStatement()) {
            LockStatus free = other.lockStatus();
            String[] key = free.key().substring(0, free.key().indexOf(' ')).split(":");
            statement.execute("select pg_advisory_lock(" + key[0] + ", " + key[1] + ")");
            runner.withPropertyValues("msr.lock.wait-timeout=0s").run(context -> {
                assertThat(context).hasFailed();
                List<MsrObservationContext> seen = seen();
                assertThat(seen).extracting(Observation.Context::getName)
                        .containsExactly(MsrObservations.OPERATION, MsrObservations.LOCK_WAIT);
                assertThat(low(seen.get(1))).containsExactlyInAnyOrder("operation=migrate", "outcome=failure");
                assertThat(seen.get(1).getError()).isInstanceOf(LockTimeoutException.class);
                assertThat(seen.get(0).getError()).isSameAs(seen.get(1).getError());
            });
        }
    }

    @Test
    void aWaiterThatFindsTheWorkDoneEndsTheLockWaitAsNotNeeded() throws Exception {
        Msr other = Msr.builder().url(db.jdbcUrl(), db.username(), db.password())
                .javaMigrations(new FillT(schema))
                .settings(MsrSettings.builder().schema(schema).locations("filesystem:" + dir).build()).build();
        other.migrate();
        try (Connection holder = db.connect(); Statement statement = holder.createStatement()) {
            LockStatus free = other.lockStatus();
            String[] key = free.key().substring(0, free.key().indexOf(' ')).split(":");
            statement.execute("select pg_advisory_lock(" + key[0] + ", " + key[1] + ")");
            runner.run(context -> {
                assertThat(context).hasNotFailed();
                List<MsrObservationContext> seen = seen();
                assertThat(seen).extracting(Observation.Context::getName)
                        .containsExactly(MsrObservations.OPERATION, MsrObservations.LOCK_WAIT);
                assertThat(low(seen.get(1))).containsExactlyInAnyOrder("operation=migrate", "outcome=not_needed");
                assertThat(low(seen.get(0))).contains("outcome=success");
            });
        }
    }

    @Test
    void withoutTheLockThereIsNoLockWait() {
        runner.withPropertyValues("msr.lock.enabled=false").run(context -> assertThat(seen())
                .extracting(Observation.Context::getName)
                .containsExactly(MsrObservations.OPERATION, MsrObservations.MIGRATION, MsrObservations.MIGRATION));
    }

    @Test
    void verifyModeRefreshesMakeNoObservation() {
        runner.withPropertyValues("msr.mode=verify").run(context -> {
            SchemaMonitor monitor = context.getBean(SchemaMonitor.class);
            monitor.refresh();
            monitor.refresh();
            assertThat(observations).doesNotHaveAnyObservation();
        });
    }

    @Test
    void aConventionBeanRenamesItsKindOnly() {
        runner.withBean(MsrObservationConvention.class,
                () -> new DefaultMsrObservationConvention(MsrObservationContext.Kind.MIGRATION) {
                    @Override
                    public String getContextualName(MsrObservationContext context) {
                        return "migrate V" + context.version();
                    }
                }).run(context -> assertThat(seen()).extracting(Observation.Context::getContextualName)
                        .containsExactly("msr migrate", "msr lock wait", "migrate V1", "migrate V2"));
    }

    private ApplicationContextRunner withSpringBootsRegistry() {
        return withoutRegistry.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
                MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class));
    }

    @Test
    @SuppressWarnings("removal")
    void withSpringBootsRegistryTheTimersOfMsrMetersKeepTheirNamesAndTagsBesideTheObservationsTimers() {
        withSpringBootsRegistry().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ObservationMigrationListener.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get(MsrMeters.MIGRATION_DURATION).timers()).hasSize(2).allSatisfy(timer ->
                    assertThat(timer.getId().getTags()).extracting(Tag::getKey)
                            .containsExactlyInAnyOrder("outcome", "type"));
            assertThat(meters.get(MsrMeters.MIGRATE_DURATION).timer().getId().getTags()).extracting(Tag::getKey)
                    .containsExactlyInAnyOrder("operation", "outcome");
            assertThat(meters.get(MsrMeters.LOCK_WAIT).timer().getId().getTags())
                    .containsExactly(Tag.of("outcome", "acquired"));
            assertThat(meters.get(MsrObservations.MIGRATION).tag("type", "java").tag("phase", "pre-deploy")
                    .tag("error", "none").timer().count()).isOne();
            assertThat(meters.get(MsrObservations.OPERATION).tag("operation", "migrate").tag("outcome", "success")
                    .timer().count()).isOne();
            assertThat(meters.get(MsrObservations.LOCK_WAIT).timer().count()).isOne();
            assertThat(meters.find(MsrObservations.MIGRATION).tagKeys(MsrObservations.VERSION).meters()).isEmpty();
        });
    }

    @Test
    @SuppressWarnings("removal")
    void springBootsPropertyTurnsTheObservationsOffButNotTheTimersOfMsrMeters() {
        withSpringBootsRegistry().withPropertyValues("management.observations.enable.msr=false").run(context -> {
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.find(MsrObservations.OPERATION).meters()).isEmpty();
            assertThat(meters.find(MsrObservations.MIGRATION).meters()).isEmpty();
            assertThat(meters.get(MsrMeters.MIGRATE_DURATION).timer().count()).isOne();
        });
    }

    @Test
    void theObservationsTimersOfMigrationsAndLockWaitsHaveTheFixedBucketsUnlessTheApplicationSetsOthers() {
        double[] fixed = MsrTimerBuckets.BUCKETS.stream().mapToDouble(bound -> bound.toNanos() / 1e9).toArray();
        withSpringBootsRegistry().run(context -> {
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(buckets(meters.get(MsrMeters.MIGRATION).tag("type", "sql").timer())).containsExactly(fixed);
            assertThat(buckets(meters.get(MsrMeters.LOCK_ACQUIRE).timer())).containsExactly(fixed);
            assertThat(buckets(meters.get(MsrMeters.OPERATION).timer())).as("an operation has no buckets, as before")
                    .isEmpty();
        });
        unmigrate();
        withSpringBootsRegistry().withPropertyValues("management.metrics.distribution.slo.msr.migration=1s,2s")
                .run(context -> assertThat(buckets(context.getBean(MeterRegistry.class).get(MsrMeters.MIGRATION)
                        .tag("type", "sql").timer())).containsExactly(1.0, 2.0));
    }

    private static double[] buckets(Timer timer) {
        return Arrays.stream(timer.takeSnapshot().histogramCounts())
                .mapToDouble(bucket -> bucket.bucket(TimeUnit.SECONDS)).toArray();
    }

    @Test
    void withoutAnObservationRegistryMsrObservesIntoItsOwnAndPublishesTheSameTimers() throws Exception {
        AtomicReference<List<String>> withRegistry = new AtomicReference<>();
        withSpringBootsRegistry().run(context -> {
            assertThat(context).hasBean("observationRegistry");
            withRegistry.set(msrMeters(context.getBean(MeterRegistry.class)));
        });
        unmigrate();
        withoutRegistry.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(ObservationRegistry.class)
                            .hasSingleBean(ObservationMigrationListener.class);
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(msrMeters(meters)).isEqualTo(withRegistry.get()).contains(
                            "msr.operation error=none,operation=migrate,outcome=success",
                            "msr.lock.acquire error=none,operation=migrate,outcome=success",
                            "msr.migration direction=up,error=none,operation=migrate,outcome=success,phase=pre-deploy,"
                                    + "type=java");
                    assertThat(meters.get(MsrMeters.MIGRATION).tag("type", "sql").timer().count()).isOne();
                    assertThat(buckets(meters.get(MsrMeters.LOCK_ACQUIRE).timer())).hasSize(12);
                });
    }

    /** Drops what the runs made, so that the next runs the same migrations. */
    private void unmigrate() {
        db.execute("drop table " + schema + ".t; drop table " + schema + ".msr_schema_history");
    }

    /** MSR's meters, each as its name and tags: {@code msr.operation error=none,operation=migrate,outcome=success}. */
    private static List<String> msrMeters(MeterRegistry meters) {
        return meters.getMeters().stream().map(Meter::getId).filter(id -> id.getName().startsWith("msr."))
                .map(id -> id.getName() + " " + id.getTags().stream().map(tag -> tag.getKey() + "=" + tag.getValue())
                        .collect(Collectors.joining(",")))
                .collect(Collectors.toCollection(TreeSet::new)).stream().toList();
    }

    @Test
    @SuppressWarnings("removal")
    void aPropertyTurnsTheDeprecatedTimersOffAlready() {
        withSpringBootsRegistry().withPropertyValues("msr.metrics.deprecated-timers.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(MicrometerMigrationListener.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            for (String deprecated : List.of(MsrMeters.MIGRATE_DURATION, MsrMeters.MIGRATION_DURATION,
                    MsrMeters.LOCK_WAIT)) {
                assertThat(meters.find(deprecated).meters()).as(deprecated).isEmpty();
            }
            assertThat(meters.get(MsrMeters.OPERATION).timer().count()).isOne();
            assertThat(meters.get(MsrMeters.MIGRATION).timers()).hasSize(2);
            assertThat(meters.get(MsrMeters.LOCK_ACQUIRE).timer().count()).isOne();
        });
        unmigrate();
        withSpringBootsRegistry().withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("MSR_METRICS_DEPRECATED_TIMERS_ENABLED", "false"))))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MicrometerMigrationListener.class));
    }

    @Test
    void backsOffWithoutAnObservationRegistryOrMicrometerObservation() {
        withoutRegistry.run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(ObservationMigrationListener.class));
        runner.withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
                .withPropertyValues("msr.mode=verify")
                .run(context -> assertThat(context).doesNotHaveBean(ObservationMigrationListener.class));
    }

    private List<MsrObservationContext> seen() {
        List<MsrObservationContext> seen = new ArrayList<>();
        assertThat(observations).hasHandledContextsThatSatisfy(contexts -> contexts.forEach(context -> {
            if (context instanceof MsrObservationContext msr) {
                seen.add(msr);
            }
        }));
        return seen;
    }

    private static List<String> low(Observation.Context context) {
        return context.getLowCardinalityKeyValues().stream().map(value -> value.getKey() + "=" + value.getValue())
                .toList();
    }

    private static List<String> high(Observation.Context context) {
        return context.getHighCardinalityKeyValues().stream().map(value -> value.getKey() + "=" + value.getValue())
                .toList();
    }
}
