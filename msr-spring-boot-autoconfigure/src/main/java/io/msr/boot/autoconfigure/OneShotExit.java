package io.msr.boot.autoconfigure;

/** How a one-shot mode ends the process; tests replace it to observe the code instead of exiting. */
@FunctionalInterface
public interface OneShotExit {

    /** Exits the JVM with the code, running shutdown hooks. */
    OneShotExit SYSTEM = System::exit;

    /** Ends the process with the exit code (the application context is already closed). */
    void exit(int code);
}
