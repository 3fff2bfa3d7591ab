/** The portal's queue report: the period and interval a supervisor picks, the figures per queue and interval as the
 * portal shows them (also on the live page), and the same rows as the REST API's CSV for download. */
package org.parley.web.portal.reports;
