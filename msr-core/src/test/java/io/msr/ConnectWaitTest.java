package io.msr;

import io.msr.test.TcpRelay;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code msr.connect.wait} against a real server that is not ready yet: a {@link TcpRelay} in front of the test
 * server refuses, closes or answers 57P03 until it forwards. What waiting cannot heal fails at once.
 */
@WithPostgres
class ConnectWaitTest {

    private static final Pattern ATTEMPT = Pattern.compile("does not accept connections yet \\(attempt (\\d+)\\): (.*)");

    @TempDir
    Path dir;

    private final TestDatabase db;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private PrintStream originalErr;
    private MigrationFolder folder;
    private String schema;
    private TcpRelay relay;

    ConnectWaitTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp() {
        schema = db.freshSchema().name();
        folder = new MigrationFolder(dir).write("V1_create.up.sql", "create table " + schema + ".t (id int);");
        relay = new TcpRelay(db.server().host(), db.server().port());
        originalErr = System.err;
        System.setErr(new PrintStream(new Tee(originalErr, log), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        System.setErr(originalErr);
        later.shutdownNow();
        relay.close();
    }

    private Msr msr(String url, String user, String password, Duration wait) {
        return Msr.builder().url(url, user, password)
                .settings(folder.settings().schema(schema).connectWait(wait).build()).build();
    }

    private String relayUrl() {
        return "jdbc:postgresql://127.0.0.1:" + relay.port() + "/" + db.name();
    }

    private void at(long millis, Runnable action) {
        later.schedule(action, millis, TimeUnit.MILLISECONDS);
    }

    private List<String> attempts() {
        return log.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains(":" + relay.port())
                && ATTEMPT.matcher(line).find()).toList();
    }

    @Test
    void migratesOnceTheServerThatRefusedClosedAndWasStartingUpAcceptsConnections() {
        at(500, () -> relay.listen(TcpRelay.Mode.CLOSE));
        at(1200, () -> relay.mode(TcpRelay.Mode.STARTING_UP));
        at(3000, () -> relay.mode(TcpRelay.Mode.FORWARD));

        OperationResult result = msr(relayUrl(), db.username(), db.password(), Duration.ofSeconds(30)).migrate();

        assertThat(result.success()).isTrue();
        assertThat(db.queryForObject("select count(*) from " + schema + ".t", Long.class)).isZero();
        List<String> attempts = attempts();
        assertThat(attempts).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 0; i < attempts.size(); i++) {
            Matcher matcher = ATTEMPT.matcher(attempts.get(i));
            assertThat(matcher.find()).isTrue();
            assertThat(matcher.group(1)).isEqualTo(String.valueOf(i + 1));
            assertThat(matcher.group(2)).contains("left of msr.connect.wait=30s").contains("SQLState");
        }
        assertThat(attempts.get(0)).contains("refused");
        assertThat(String.join("\n", attempts)).contains("57P03").contains("starting up");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("accepts connections now (attempt "
                + (attempts.size() + 1));
    }

    @Test
    void failsWithExitSevenAfterTheWaitWhenNothingEverListens() {
        long start = System.nanoTime();
        ConnectionException error = catchThrowableOfType(ConnectionException.class, msr(relayUrl()
                + "?password=topsecret", "someone", "topsecret", Duration.ofSeconds(2))::migrate);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(error.exitCode()).isEqualTo(ExitCode.CONNECTION);
        assertThat(took).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(6));
        assertThat(error.getMessage()).contains("Could not connect to jdbc:postgresql://127.0.0.1:" + relay.port())
                .contains("msr.connect.wait=2s").containsPattern("waited 2(\\.\\d)?s").contains("refused")
                .doesNotContain("topsecret");
        assertThat(error.result().orElseThrow().toJson()).contains("\"exitCode\":7").doesNotContain("topsecret");
        assertThat(attempts()).hasSizeGreaterThanOrEqualTo(3).noneMatch(line -> line.contains("topsecret"));
    }

    @Test
    void failsAfterTheWaitNamingTheLastReasonWhenTheServerStaysInStartup() {
        relay.listen(TcpRelay.Mode.STARTING_UP);
        ConnectionException error = catchThrowableOfType(ConnectionException.class,
                msr(relayUrl(), db.username(), db.password(), Duration.ofMillis(1500))::migrate);
        assertThat(error.exitCode()).isEqualTo(ExitCode.CONNECTION);
        assertThat(error.sqlState()).contains("57P03");
        assertThat(error.getMessage()).contains("msr.connect.wait=1.5s").contains("the database system is starting up");
        assertThat(relay.connections()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void waitsForAHostNameThatDoesNotResolveYet() {
        ConnectionException error = catchThrowableOfType(ConnectionException.class,
                msr("jdbc:postgresql://msr-service-not-there-yet.invalid:5432/app", "app", "s3cret",
                        Duration.ofSeconds(1))::migrate);
        assertThat(error.getMessage()).contains("msr.connect.wait=1s").contains("waited");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("msr-service-not-there-yet.invalid")
                .contains("(attempt 2)");
    }

    @Test
    void refusedCredentialsFailAtOnceWithoutWaiting() {
        // Test servers may trust every password: a role that may not log in is refused with class 28 all the same.
        db.execute("drop role if exists msr_wait_nologin");
        db.execute("create role msr_wait_nologin nologin password 'the-secret-value'");
        try {
            relay.listen(TcpRelay.Mode.FORWARD);
            long start = System.nanoTime();
            ConnectionException error = catchThrowableOfType(ConnectionException.class,
                    msr(relayUrl(), "msr_wait_nologin", "the-secret-value", Duration.ofSeconds(30))::migrate);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.println("refused credentials failed after " + took.toMillis() + "ms of a 30s wait");
            assertThat(took).isLessThan(Duration.ofSeconds(3));
            assertThat(error.exitCode()).isEqualTo(ExitCode.CONNECTION);
            assertThat(error.sqlState()).hasValueSatisfying(state -> assertThat(state).startsWith("28"));
            assertThat(error.getMessage()).doesNotContain("the-secret-value").doesNotContain("waited");
            assertThat(relay.connections()).isEqualTo(1);
            assertThat(attempts()).isEmpty();
        } finally {
            db.execute("drop role if exists msr_wait_nologin");
        }
    }

    @Test
    void anUnknownDatabaseFailsAtOnceWithoutWaiting() {
        relay.listen(TcpRelay.Mode.FORWARD);
        long start = System.nanoTime();
        ConnectionException error = catchThrowableOfType(ConnectionException.class, msr("jdbc:postgresql://127.0.0.1:"
                + relay.port() + "/msr_no_such_database", db.username(), db.password(), Duration.ofSeconds(30))::migrate);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(error.sqlState()).contains("3D000");
        assertThat(relay.connections()).isEqualTo(1);
    }

    @Test
    void aWaitOfZeroTriesOnce() {
        long start = System.nanoTime();
        ConnectionException error = catchThrowableOfType(ConnectionException.class,
                msr(relayUrl(), "someone", "topsecret", Duration.ZERO)::migrate);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(error.getMessage()).startsWith("Could not connect to").doesNotContain("waited");
        assertThat(attempts()).isEmpty();
    }

    @Test
    void rejectsANegativeWait() {
        assertThat(catchThrowableOfType(ConfigurationException.class,
                () -> MsrSettings.builder().connectWait(Duration.ofSeconds(-1)).build()).getMessage())
                .contains("msr.connect.wait");
    }

    /** Writes to the real stream and keeps a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            synchronized (second) {
                second.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            synchronized (second) {
                second.write(b, off, len);
            }
        }
    }
}
