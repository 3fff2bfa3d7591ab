/** The health service and the contributors for the parts the ejb module owns: database and messaging. */
package org.parley.health.internal;
