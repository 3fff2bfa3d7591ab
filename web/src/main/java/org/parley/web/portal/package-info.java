/** The admin portal (Jakarta Faces): who is signed in, and how the domain's answers become messages on a form. Each
 * sub-package is one page family's backing beans; the pages are under {@code webapp/portal}. */
package org.parley.web.portal;
