/** Whole-system tests: the built EAR on the managed WildFly that wildfly-config provisions, driven over HTTP, JMS
 * and a browser as a user would. */
package org.parley.it;
