/** The portal page for the tenant's pause reasons: admins edit the list, everyone else reads it. */
package org.parley.web.portal.pauses;
