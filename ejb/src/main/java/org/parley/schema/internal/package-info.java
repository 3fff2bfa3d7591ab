/** The startup bean that migrates the schema on deployment. */
package org.parley.schema.internal;
