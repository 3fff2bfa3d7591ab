/** What every HTTP response of the web module carries whatever produced it: the browser security headers. */
package org.parley.web.http;
