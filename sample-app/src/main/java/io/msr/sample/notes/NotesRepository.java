package io.msr.sample.notes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/** Reads and writes authors, notes and tags with plain SQL over the tables the migrations create. */
@Repository
public class NotesRepository {

    private final JdbcClient jdbc;

    public NotesRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Author> authors() {
        return jdbc.sql("select id, name, email from authors order by id")
                .query((rs, i) -> new Author(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    public Author addAuthor(String name, String email) {
        long id = jdbc.sql("insert into authors (name, email) values (?, ?) returning id").params(name, email)
                .query(Long.class).single();
        return new Author(id, name, email);
    }

    public List<Note> notes(Long authorId) {
        String where = authorId == null ? "" : " where n.author_id = :author";
        var query = jdbc.sql("select n.id, n.author_id, n.title, n.slug, n.body, n.created_at from notes n" + where
                + " order by n.id");
        if (authorId != null) {
            query = query.param("author", authorId);
        }
        return query.query((rs, i) -> new Note(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getString(5), tags(rs.getLong(1)), rs.getObject(6, Timestamp.class).toInstant())).list();
    }

    public Optional<Note> note(long id) {
        return jdbc.sql("select id, author_id, title, slug, body, created_at from notes where id = ?").param(id)
                .query((rs, i) -> new Note(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), tags(id), rs.getObject(6, Timestamp.class).toInstant())).optional();
    }

    @Transactional
    public Note addNote(long authorId, String title, String slug, String body, List<String> tags) {
        long id = jdbc.sql("insert into notes (author_id, title, slug, body) values (?, ?, ?, ?) returning id")
                .params(authorId, title, slug, body).query(Long.class).single();
        for (String tag : tags) {
            jdbc.sql("insert into note_tags (note_id, tag) values (?, ?) on conflict do nothing").params(id, tag).update();
        }
        return note(id).orElseThrow();
    }

    private List<String> tags(long noteId) {
        return jdbc.sql("select tag from note_tags where note_id = ? order by tag").param(noteId).query(String.class)
                .list();
    }
}
