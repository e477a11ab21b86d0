package io.msr.sample;

import io.msr.sample.migration.V202601170800_Backfill_note_slugs;
import io.msr.sample.notes.Note;
import io.msr.sample.notes.NotesRepository;
import io.msr.sample.notes.Slugs;
import io.msr.test.PostgresServer;
import io.msr.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @JdbcTest} slice: MSR is part of it and migrates before the test (msr.mode defaults to migrate-on-start
 * in slices). The slice keeps the PostgreSQL DataSource instead of replacing it with an embedded database because
 * its URL comes from a {@code @DynamicPropertySource}; a URL from application properties would need
 * {@code @AutoConfigureTestDatabase(replace = NONE)}. The Java migration is a bean, which the slice's component scan
 * leaves out: importing it (and the service it injects) keeps the slice's schema the production one.
 */
@JdbcTest
@Import({NotesRepository.class, Slugs.class, V202601170800_Backfill_note_slugs.class})
class NotesRepositorySliceTest {

    private static final TestDatabase db = PostgresServer.shared().createDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", db::jdbcUrl);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Autowired
    private NotesRepository notes;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void everyMigrationIsAppliedBeforeTheTestRuns() {
        assertThat(jdbc.sql("select version from msr_schema_history where operation = 'UP' and success order by version")
                .query(Long.class).list()).containsExactly(202601150930L, 202601150940L, 202601160900L, 202601170800L, 202601180900L);
        assertThat(notes.notes(null)).extracting(Note::slug).containsExactly("welcome-to-msr");
    }

    @Test
    void theRepositoryWritesAndReadsInTheTestsTransaction() {
        long author = notes.addAuthor("Grace", "grace@example.org").id();
        notes.addNote(author, "Slices", "slices", "", List.of("test"));
        assertThat(notes.notes(author)).extracting(Note::title).containsExactly("Slices");
    }
}
