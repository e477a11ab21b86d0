package io.msr.bench.job;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The floor: a non-web Spring Boot application with a DataSource that starts and exits. */
@SpringBootApplication
public class BareJob {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(BareJob.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        System.exit(SpringApplication.exit(application.run(args)));
    }
}
