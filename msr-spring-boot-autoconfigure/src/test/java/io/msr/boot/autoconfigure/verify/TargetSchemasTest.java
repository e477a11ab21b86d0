package io.msr.boot.autoconfigure.verify;

import io.msr.ConnectionException;
import io.msr.InfoResult;
import io.msr.SchemaOutcome;
import io.msr.SchemasResult;
import io.msr.boot.autoconfigure.MsrProperties;
import io.msr.boot.autoconfigure.MsrSchemaSource;
import io.msr.boot.autoconfigure.SettingsFromProperties;
import io.msr.boot.autoconfigure.oneshot.TargetSchemas;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetSchemasTest {

    private final StaticListableBeanFactory beans = new StaticListableBeanFactory();
    private final MsrProperties properties = new MsrProperties();

    /** The target set the root's configurations decide from the properties and the beans. */
    private TargetSchemas targets() {
        return SettingsFromProperties.targetSchemas(properties, beans.getBeanProvider(MsrSchemaSource.class));
    }

    @Test
    void theConfiguredSchemaIsASetOfOneUnlessSchemasAreListed() {
        assertThat(targets().listed()).isFalse();

        properties.setSchemas(List.of("tenant_a", "tenant_b"));
        assertThat(targets().listed()).isTrue();
    }

    @Test
    void aSchemaSourceListsTheSchemas() {
        beans.addBean("tenants", (MsrSchemaSource) connection -> List.of("tenant_a"));

        assertThat(targets().listed()).isTrue();
    }

    @Test
    void aSetOfOneReadsTheSchemaAsInfoDoesAndItsVerdictIsTheSchemasOwn() {
        InfoResult info = ScriptedMsr.pending(2);
        TargetSchemas one = new TargetSchemas.One("app");

        SchemasResult<InfoResult> read = one.info(new ScriptedMsr(() -> info));

        assertThat(read.schemas()).singleElement().satisfies(outcome -> {
            assertThat(outcome.schema()).isEqualTo("app");
            assertThat(outcome.status()).isEqualTo(SchemaOutcome.Status.SUCCEEDED);
            assertThat(outcome.result()).isSameAs(info);
        });
        assertThat(one.acrossSchemas(new ScriptedMsr(() -> info))).isEmpty();
        Instant now = Instant.parse("2026-01-15T09:30:00Z");
        assertThat(SchemaStateEvaluator.evaluate(one, read, false, now))
                .isEqualTo(SchemaStateEvaluator.evaluate(info, false, now));
    }

    @Test
    void aSetOfOneThrowsWhatInfoThrows() {
        ScriptedMsr unreachable = new ScriptedMsr(() -> {
            throw new ConnectionException("Connection to db:5432 refused");
        });

        TargetSchemas one = new TargetSchemas.One(null);

        assertThatThrownBy(() -> one.info(unreachable)).isInstanceOf(ConnectionException.class);
        assertThatThrownBy(() -> one.find(unreachable)).isInstanceOf(ConnectionException.class);
    }
}
