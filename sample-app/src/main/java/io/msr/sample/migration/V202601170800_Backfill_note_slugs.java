package io.msr.sample.migration;

import io.msr.JavaMigration;
import io.msr.MigrationContext;
import io.msr.sample.notes.Slugs;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A Java migration declared as a bean: backfills the slug of every note with the application's own
 * {@link Slugs} service, so that the database and the API agree on how slugs are made.
 */
@Component
public class V202601170800_Backfill_note_slugs implements JavaMigration {

    private final Slugs slugs;

    public V202601170800_Backfill_note_slugs(Slugs slugs) {
        this.slugs = slugs;
    }

    @Override
    public void up(MigrationContext context) throws Exception {
        try (Statement select = context.connection().createStatement();
             ResultSet notes = select.executeQuery("select id, title from notes where slug is null");
             PreparedStatement update = context.connection().prepareStatement("update notes set slug = ? where id = ?")) {
            while (notes.next()) {
                update.setString(1, slugs.of(notes.getString(2)));
                update.setLong(2, notes.getLong(1));
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    @Override
    public void down(MigrationContext context) throws Exception {
        // The slugs were derived data; clearing them restores the state before this migration.
        try (Statement statement = context.connection().createStatement()) {
            statement.execute("update notes set slug = null");
        }
    }
}
