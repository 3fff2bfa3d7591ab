/** The database schema's lifecycle: Flyway applies the {@code db} module's migrations before anything else runs. */
package org.parley.schema;
