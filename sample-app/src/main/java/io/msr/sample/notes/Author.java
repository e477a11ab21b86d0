package io.msr.sample.notes;

/** An author as the API shows it. */
public record Author(long id, String name, String email) {
}
