package io.msr;

import java.util.ServiceLoader;

/** Finds msr-core's engine through its service file, from msr-core's own class loader. */
final class EngineProvider {

    private EngineProvider() {
    }

    static Msr.Provider find() {
        return ServiceLoader.load(Msr.Provider.class, Msr.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new ConfigurationException("msr-core's engine was not found: the service file"
                        + " META-INF/services/io.msr.Msr$Provider is missing from the class path. Was msr-core"
                        + " repackaged (shaded or minimised) without its service files?"));
    }
}
