/** Container adapters for users: the stateless service and the JPA repository. */
package org.parley.user.internal;
