package io.msr.boot.autoconfigure.oneshot;

import io.msr.boot.autoconfigure.OneShotResult;
import org.springframework.beans.factory.InitializingBean;

/**
 * Runs {@code msr.mode=check} as {@link OneShotInitializer} runs the other one-shot modes (during the refresh, as a
 * database initializer, exiting from there), but with no database: a type of its own, so that an AOT-built
 * application, which has the beans of every mode, still has one {@link OneShotInitializer}.
 */
public final class CheckModeInitializer implements InitializingBean {

    private final OneShotInitializer delegate;

    public CheckModeInitializer(OneShotInitializer delegate) {
        this.delegate = delegate;
    }

    @Override
    public void afterPropertiesSet() {
        delegate.afterPropertiesSet();
    }

    /** Returns the result of a check that passed inside a test, or null. */
    public OneShotResult result() {
        return delegate.result();
    }
}
