/** Automatic call distribution: the agents and queues an admin sets up (extension, SIP credentials, skills; queue
 * strategy and service level). The routing engine lives in {@code org.parley.acd.routing}. */
package org.parley.acd;
