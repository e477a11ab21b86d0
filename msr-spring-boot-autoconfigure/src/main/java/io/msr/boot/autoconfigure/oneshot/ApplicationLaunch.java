package io.msr.boot.autoconfigure.oneshot;

import java.util.List;

/**
 * Tells a real application launch from a test. A real launch ({@code java -jar app.jar}, extracted layers,
 * AppCDS, an IDE's main method) may end the JVM; a test (JUnit, Spring's TestContext framework,
 * {@code ApplicationContextRunner}) must never be ended, so it sees results and exceptions instead. The launcher
 * does not matter: an extracted jar has no {@code org.springframework.boot.loader} frames, so only the test
 * frames on the calling thread's stack decide.
 */
public final class ApplicationLaunch {

    private static final List<String> TEST_FRAMES = List.of("org.junit.", "org.testng.",
            "org.springframework.test.", "org.springframework.boot.test.");

    private ApplicationLaunch() {
    }

    /** Returns true when the calling thread runs inside a test framework. */
    public static boolean insideTest() {
        return StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                .anyMatch(ApplicationLaunch::isTestFrame));
    }

    static boolean isTestFrame(String className) {
        return TEST_FRAMES.stream().anyMatch(className::startsWith);
    }
}
