/** Portal pages for agents: the list, and the form that sets an agent's extension, SIP password and skills. */
package org.parley.web.portal.agents;
