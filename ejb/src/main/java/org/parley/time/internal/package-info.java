/** The container's clock: UTC system time, produced once for injection. */
package org.parley.time.internal;
