/** The portal's live queue view: every enabled queue now (waiting, longest wait, agents by state) and today so far. */
package org.parley.web.portal.live;
