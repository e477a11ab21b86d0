package io.msr.sample.notes;

import java.time.Instant;
import java.util.List;

/** A note as the API shows it. */
public record Note(long id, long authorId, String title, String slug, String body, List<String> tags,
        Instant createdAt) {
}
