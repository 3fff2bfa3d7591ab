/** Container adapters for agents and queues: the stateless services and their JPA repositories. */
package org.parley.acd.internal;
