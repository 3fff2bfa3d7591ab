package org.parley.tenant.internal;

import java.nio.file.Path;

/**
 * Where Parley keeps its files (H2 database, recordings, first-start password): {@code parley.data.dir}, by default
 * {@code parley} under WildFly's data directory — the same expression the datasource URL uses.
 */
final class DataDirectory {

    private DataDirectory() {
    }

    static Path path() {
        String explicit = System.getProperty("parley.data.dir");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        return Path.of(System.getProperty("jboss.server.data.dir", "."), "parley");
    }
}
