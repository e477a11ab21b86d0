package io.msr.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small notes service. The same jar is the migration Job ({@code --msr.mode=migrate} or the {@code migrate}
 * profile) and the application (verify mode: it never migrates and only turns ready once the schema is current).
 */
@SpringBootApplication
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
