package io.msr.sample.notes;

import org.springframework.stereotype.Service;

import java.text.Normalizer;
import java.util.Locale;

/** Turns titles into URL slugs; used by the API and by a Java migration that backfills slugs. */
@Service
public class Slugs {

    /** Returns the slug of a title: lowercase ASCII words joined by dashes. */
    public String of(String title) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return slug.isEmpty() ? "note" : slug;
    }
}
