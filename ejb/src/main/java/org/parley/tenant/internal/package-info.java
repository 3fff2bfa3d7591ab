/** Container adapters for tenants: the JPA repository and the first-start bootstrap. */
package org.parley.tenant.internal;
