package io.msr.bench.job;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The MSR job: run with --msr.mode=migrate; MSR exits with its code. */
@SpringBootApplication
public class MsrJob {

    public static void main(String[] args) {
        SpringApplication.run(MsrJob.class, args);
    }
}
