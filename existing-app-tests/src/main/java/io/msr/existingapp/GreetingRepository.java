package io.msr.existingapp;

import org.springframework.data.jpa.repository.JpaRepository;

/** A Spring Data repository: it exists only once the EntityManagerFactory validated the schema. */
public interface GreetingRepository extends JpaRepository<Greeting, Long> {
}
