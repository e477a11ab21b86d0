package io.msr.boot.autoconfigure.oneshot;

import io.msr.ExitCode;
import io.msr.InfoResult;
import io.msr.Msr;
import io.msr.boot.autoconfigure.MsrMode;
import io.msr.boot.autoconfigure.MsrProperties;
import io.msr.boot.autoconfigure.SettingsFromProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OneShotInitializerTest {

    @TempDir
    Path dir;

    private final List<Integer> exits = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private OneShotInitializer initializer(MsrMode mode, Msr msr, boolean insideTest) {
        MsrProperties properties = new MsrProperties();
        properties.setMode(mode);
        OneShotReport report = new OneShotReport(SettingsFromProperties.oneShotReport(properties),
                new PrintStream(out, true), dir.resolve("none"));
        return new OneShotInitializer(new OneShotRunner(
                new OneShotInputs(SettingsFromProperties.oneShot(properties), () -> msr, () -> null), report),
                exits::add, () -> insideTest, MsrProperties.DEFAULT_SHUTDOWN_TIMEOUT);
    }

    private static Msr msr(Object answer) {
        return (Msr) Proxy.newProxyInstance(Msr.class.getClassLoader(), new Class<?>[] {Msr.class}, (proxy, method, args) -> {
            if (answer instanceof RuntimeException e) {
                throw e;
            }
            return answer;
        });
    }

    @Test
    void aLaunchedApplicationExitsWithTheCodeAfterTheReport() {
        InfoResult info = new InfoResult(null, null, List.of(), List.of(), false, List.of());
        initializer(MsrMode.INFO, msr(info), false).afterPropertiesSet();
        assertThat(exits).containsExactly(0);
        assertThat(out.toString()).isNotEmpty();
    }

    @Test
    void aLaunchedApplicationExitsWithTheCodeOfAnUnexpectedFailure() {
        OneShotInitializer initializer = initializer(MsrMode.MIGRATE, msr(new IllegalStateException("boom")), false);
        assertThatThrownBy(initializer::afterPropertiesSet).hasMessage("boom");
        assertThat(exits).containsExactly(ExitCode.ERROR.code());
    }

    @Test
    void aRunThatRunsOutOfHeapExitsOneWithASummaryNamingTheMigrationInProgress() {
        MsrProperties properties = new MsrProperties();
        properties.setMode(MsrMode.MIGRATE);
        OneShotReport report = new OneShotReport(SettingsFromProperties.oneShotReport(properties),
                new PrintStream(out, true), dir.resolve("none"));
        MigrationInProgress progress = new MigrationInProgress();
        Msr msr = (Msr) Proxy.newProxyInstance(Msr.class.getClassLoader(), new Class<?>[] {Msr.class},
                (proxy, method, args) -> {
                    progress.migrationStarted(io.msr.Version.of(7), "seed", "V7_seed.up.sql", io.msr.Direction.UP);
                    throw new OutOfMemoryError("Java heap space");
                });
        OneShotInitializer initializer = new OneShotInitializer(
                new OneShotRunner(new OneShotInputs(SettingsFromProperties.oneShot(properties), () -> msr, () -> null),
                        report, new TargetSchemas.One(null), progress), exits::add, () -> false,
                MsrProperties.DEFAULT_SHUTDOWN_TIMEOUT);

        assertThatThrownBy(initializer::afterPropertiesSet).hasMessageContaining("ran out of memory");
        assertThat(exits).containsExactly(ExitCode.ERROR.code());
        assertThat(out.toString()).contains("ran out of memory", "while applying V7 (V7_seed.up.sql)",
                "msr.max-migration-size (16 MB)");
    }

    @Test
    void aTestNeverExitsAndKeepsTheResult() {
        InfoResult info = new InfoResult(null, null, List.of(), List.of(), false, List.of());
        OneShotInitializer initializer = initializer(MsrMode.INFO, msr(info), true);
        initializer.afterPropertiesSet();
        assertThat(exits).isEmpty();
        assertThat(initializer.result()).isSameAs(info);
    }

    @Test
    void doesNothingWhenTheModeAtRunTimeIsNotAOneShotMode() {
        OneShotInitializer initializer = initializer(MsrMode.VERIFY, msr(new IllegalStateException("not called")), false);
        initializer.afterPropertiesSet();
        assertThat(exits).isEmpty();
        assertThat(initializer.result()).isNull();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void tellsTestFramesFromLauncherFrames() {
        assertThat(ApplicationLaunch.insideTest()).isTrue();
        assertThat(ApplicationLaunch.isTestFrame("org.springframework.boot.loader.launch.JarLauncher")).isFalse();
        assertThat(ApplicationLaunch.isTestFrame("com.example.Application")).isFalse();
        assertThat(ApplicationLaunch.isTestFrame("org.springframework.test.context.cache.DefaultCacheAwareContextLoaderDelegate"))
                .isTrue();
    }
}
