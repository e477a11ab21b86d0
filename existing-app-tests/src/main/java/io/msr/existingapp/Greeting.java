package io.msr.existingapp;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** The one entity; its table comes from db/msr/V1_create_greeting.up.sql. */
@Entity
public class Greeting {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String text;

    protected Greeting() {
    }

    public Long getId() {
        return id;
    }

    public String getText() {
        return text;
    }
}
