/** The portal page where admins issue, list and revoke REST API keys; a new key's secret is shown exactly once. */
package org.parley.web.portal.keys;
