package io.msr.sample.notes;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;

/** The notes API: authors, notes and their tags. */
@RestController
@RequestMapping("/api")
public class NotesController {

    private final NotesRepository notes;
    private final Slugs slugs;

    public NotesController(NotesRepository notes, Slugs slugs) {
        this.notes = notes;
        this.slugs = slugs;
    }

    /** The fields of a new author. */
    public record NewAuthor(String name, String email) {
    }

    /** The fields of a new note. */
    public record NewNote(long authorId, String title, String body, List<String> tags) {
    }

    @GetMapping("/authors")
    public List<Author> authors() {
        return notes.authors();
    }

    @PostMapping("/authors")
    @ResponseStatus(HttpStatus.CREATED)
    public Author addAuthor(@RequestBody NewAuthor author) {
        return notes.addAuthor(author.name(), author.email());
    }

    @GetMapping("/notes")
    public List<Note> notes(@RequestParam(name = "author", required = false) Long author) {
        return notes.notes(author);
    }

    @GetMapping("/notes/{id}")
    public Note note(@PathVariable long id) {
        return notes.note(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no note " + id));
    }

    @PostMapping("/notes")
    @ResponseStatus(HttpStatus.CREATED)
    public Note addNote(@RequestBody NewNote note) {
        return notes.addNote(note.authorId(), note.title(), slugs.of(note.title()), note.body(),
                note.tags() == null ? List.of() : note.tags());
    }
}
