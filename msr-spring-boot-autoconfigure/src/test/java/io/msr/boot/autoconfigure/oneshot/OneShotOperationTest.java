package io.msr.boot.autoconfigure.oneshot;

import io.msr.CheckResult;
import io.msr.CheckSettings;
import io.msr.ConfigurationException;
import io.msr.MsrSettings;
import io.msr.Operation;
import io.msr.boot.autoconfigure.MsrMode;
import io.msr.boot.autoconfigure.MsrProperties;
import io.msr.boot.autoconfigure.SettingsFromProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The table from one-shot mode to operation. */
class OneShotOperationTest {

    @TempDir
    Path dir;

    @Test
    void everyOneShotModeRunsTheOperationOfItsName() {
        for (MsrMode mode : MsrMode.values()) {
            if (mode.oneShot()) {
                assertThat(mode.operation().name()).as(mode.name()).isEqualTo(mode.name());
                assertThat(OneShotOperation.of(mode.operation()).operation()).as(mode.name())
                        .isEqualTo(mode.operation());
            } else {
                assertThat(mode.operation()).as(mode.name()).isNull();
            }
        }
    }

    @Test
    void onlyCheckNeedsNoDatabaseAmongTheOneShotModes() {
        assertThat(Arrays.stream(MsrMode.values()).filter(mode -> mode.oneShot() && !mode.needsDatabase()))
                .containsExactly(MsrMode.CHECK);
        assertThat(MsrMode.MIGRATE_ON_START.needsDatabase()).isTrue();
        assertThat(MsrMode.VERIFY.needsDatabase()).isFalse();
        assertThat(MsrMode.NONE.needsDatabase()).isFalse();
    }

    @Test
    void checkRunsWithoutAnEngineWhetherOrNotThereAreManySchemas() {
        MsrProperties properties = new MsrProperties();
        properties.setMode(MsrMode.CHECK);
        OneShotInputs inputs = new OneShotInputs(SettingsFromProperties.oneShot(properties), () -> {
            throw new AssertionError("check made an engine");
        }, () -> new CheckSettings(MsrSettings.builder().locations(List.of("filesystem:" + dir)).build(), dir, null,
                getClass().getClassLoader()));

        for (TargetSchemas targets : List.of(new TargetSchemas.One(null), new TargetSchemas.Many())) {
            CheckResult result = (CheckResult) OneShotOperation.of(Operation.CHECK).run(inputs, targets);
            assertThat(result.passed()).isTrue();
        }
        inputs.stop();
    }

    @Test
    void theLockModesRefuseManySchemasBeforeTouchingTheEngine() {
        MsrProperties properties = new MsrProperties();
        for (MsrMode mode : List.of(MsrMode.LOCK_STATUS, MsrMode.LOCK_RELEASE)) {
            properties.setMode(mode);
            OneShotInputs inputs = new OneShotInputs(SettingsFromProperties.oneShot(properties), () -> {
                throw new AssertionError("made an engine");
            }, () -> null);
            assertThatThrownBy(() -> OneShotOperation.of(mode.operation()).run(inputs, new TargetSchemas.Many()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("msr.mode=" + mode.propertyValue() + " works on one schema's lock");
        }
    }
}
