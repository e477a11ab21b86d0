package io.msr.processtest;

import org.springframework.stereotype.Service;

/** A service the Java migration gets injected, to prove migrations can use the application's beans. */
@Service
public class GreetingService {

    public String greeting() {
        return "hello from a Spring bean";
    }
}
