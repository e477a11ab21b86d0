package io.msr.boot.autoconfigure;

import org.springframework.beans.factory.InitializingBean;

/** Fails startup when a mode that needs a database has none; {@link MsrFailureAnalyzer} explains it. */
final class MissingDatabaseCheck implements InitializingBean {

    private final MsrMode mode;

    public MissingDatabaseCheck(MsrMode mode) {
        this.mode = mode;
    }

    @Override
    public void afterPropertiesSet() {
        throw new MissingDatabaseException(mode);
    }

    /** No database is configured for a mode that needs one. */
    public static final class MissingDatabaseException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        MissingDatabaseException(MsrMode mode) {
            super("msr.mode=" + mode.propertyValue() + " needs a database, but there is no DataSource and no"
                    + " msr.datasource.url");
        }
    }
}
