/** Who is calling: an authenticated {@link org.parley.access.Caller} (a portal user or an API key) carries its
 * tenant and role into every service call. API keys are created in the portal and stored as hashes. */
package org.parley.access;
