/** People who log in to the portal or the agent desktop: their role and their login password, kept only as a
 * slow salted hash that WildFly's Elytron realm verifies. */
package org.parley.user;
