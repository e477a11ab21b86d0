package io.msr.boot.autoconfigure;

import io.msr.Msr;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

import java.util.ServiceLoader;

/**
 * What an AOT-processed (or native) application needs from MSR beyond its beans: the migrations under the default
 * location {@code db/msr}, msr-core's service file, and the engine it names, which {@link Msr#builder()} creates
 * through {@link ServiceLoader}. The engine's class is read from the service file, not named here: it is internal
 * to msr-core. Registered through {@code META-INF/spring/aot.factories}.
 */
final class MsrRuntimeHints implements RuntimeHintsRegistrar {

    static final String SERVICE_FILE = "META-INF/services/" + Msr.Provider.class.getName();

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        hints.resources().registerPattern("db/msr/**");
        hints.resources().registerPattern(SERVICE_FILE);
        ClassLoader loader = classLoader != null ? classLoader : Msr.class.getClassLoader();
        ServiceLoader.load(Msr.Provider.class, loader).stream().forEach(provider -> hints.reflection()
                .registerType(provider.type(), MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS));
    }
}
