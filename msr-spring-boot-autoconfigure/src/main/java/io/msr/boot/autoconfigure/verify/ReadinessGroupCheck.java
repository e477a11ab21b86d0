package io.msr.boot.autoconfigure.verify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;

/**
 * Logs once at startup when the application has a {@code readiness} health group without {@code msr} in it (it
 * configured the group itself): pods would get traffic before the migration Job has run. Says how to add it.
 * Does nothing without a readiness group (probes off) or without the health endpoint.
 */
public final class ReadinessGroupCheck implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ReadinessGroupCheck.class);

    private final ObjectProvider<HealthEndpointGroups> groups;

    public ReadinessGroupCheck(ObjectProvider<HealthEndpointGroups> groups) {
        this.groups = groups;
    }

    @Override
    public void afterSingletonsInstantiated() {
        HealthEndpointGroups available = groups.getIfAvailable();
        HealthEndpointGroup readiness = available == null ? null : available.get("readiness");
        if (readiness != null && !readiness.isMember("msr")) {
            log.info("The readiness health group does not include msr (the application configures the group), so"
                    + " readiness does not wait for pending migrations. To add it, set"
                    + " management.endpoint.health.group.readiness.include=readinessState,msr (with your other"
                    + " members).");
        }
    }
}
