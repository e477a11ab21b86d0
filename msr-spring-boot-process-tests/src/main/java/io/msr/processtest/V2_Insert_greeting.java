package io.msr.processtest;

import io.msr.JavaMigration;
import io.msr.MigrationContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;

/**
 * A Java migration declared as a Spring bean, using an injected service. The bad-input corpus turns it off
 * ({@code --test.java-migration.enabled=false}) to run its own migrations alone.
 */
@Component
@ConditionalOnProperty(name = "test.java-migration.enabled", matchIfMissing = true)
public class V2_Insert_greeting implements JavaMigration {

    private final GreetingService greetings;

    public V2_Insert_greeting(GreetingService greetings) {
        this.greetings = greetings;
    }

    @Override
    public void up(MigrationContext context) throws Exception {
        try (PreparedStatement insert = context.connection().prepareStatement("insert into greeting (text) values (?)")) {
            insert.setString(1, greetings.greeting());
            insert.executeUpdate();
        }
    }
}
