/**
 * The container adapter: a {@code @Startup @Singleton} that builds the SLEE on WildFly's managed threads, adds the
 * SIP adaptor, installs the services and stops them on undeploy, and the {@code sip} health contributor.
 */
package org.parley.slee.internal;
