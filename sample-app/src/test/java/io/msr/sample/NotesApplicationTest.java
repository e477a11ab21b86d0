package io.msr.sample;

import io.msr.sample.notes.Note;
import io.msr.sample.notes.NotesRepository;
import io.msr.test.PostgresServer;
import io.msr.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application on a real PostgreSQL (a database of its own from msr-test-support; with Docker, a
 * Testcontainers PostgreSQL and {@code @ServiceConnection} do the same), migrated while the context starts:
 * {@code msr.mode=migrate-on-start}, since a test has no migration Job to wait for.
 */
@SpringBootTest(properties = "msr.mode=migrate-on-start")
class NotesApplicationTest {

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

    @Test
    void theJavaMigrationBackfilledTheSlugWithTheApplicationsOwnService() {
        assertThat(notes.notes(null)).filteredOn(note -> note.title().equals("Welcome to MSR")).extracting(Note::slug)
                .containsExactly("welcome-to-msr");
    }

    @Test
    void notesAreWrittenAndReadOnTheMigratedSchema() {
        long author = notes.addAuthor("Ada", "ada@example.org").id();
        Note note = notes.addNote(author, "First steps", "first-steps", "Hello", List.of("intro", "msr"));
        assertThat(notes.notes(author)).singleElement().satisfies(read -> {
            assertThat(read.id()).isEqualTo(note.id());
            assertThat(read.tags()).containsExactly("intro", "msr");
        });
    }
}
