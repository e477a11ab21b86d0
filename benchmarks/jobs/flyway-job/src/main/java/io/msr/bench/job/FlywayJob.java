package io.msr.bench.job;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Flyway job: Spring Boot's Flyway integration migrates during startup; then the job exits. */
@SpringBootApplication
public class FlywayJob {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(FlywayJob.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        System.exit(SpringApplication.exit(application.run(args)));
    }
}
