package io.msr.existingapp;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

/** Checks at startup that the audit database answers, and leaves a marker naming it. */
@Component
class AuditTrail implements ApplicationListener<ApplicationStartedEvent> {

    private final JdbcClient audit;
    private final Markers markers;

    AuditTrail(@Qualifier("audit") DataSource audit, Markers markers) {
        this.audit = JdbcClient.create(audit);
        this.markers = markers;
    }

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        markers.ran("audit-database-" + audit.sql("select current_database()").query(String.class).single());
    }
}
