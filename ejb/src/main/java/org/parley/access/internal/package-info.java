/** Container adapters for API keys. */
package org.parley.access.internal;
