package io.msr.boot.autoconfigure;

import org.springframework.context.LifecycleProcessor;

/**
 * The lifecycle processor of one-shot modes: starts no lifecycle bean, so web servers, message listener
 * containers and schedulers stay down while MSR runs its operation and exits.
 */
final class DormantLifecycleProcessor implements LifecycleProcessor {

    @Override
    public void onRefresh() {
        // Deliberately nothing: a one-shot run must not start the application's lifecycle beans.
    }

    @Override
    public void onClose() {
        // Nothing was started, so nothing needs stopping.
    }

    @Override
    public void start() {
        // Nothing to start.
    }

    @Override
    public void stop() {
        // Nothing to stop.
    }

    @Override
    public boolean isRunning() {
        return false;
    }
}
