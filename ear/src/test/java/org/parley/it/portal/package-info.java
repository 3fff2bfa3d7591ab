/** The admin portal as a person uses it: headless Chromium, driven by Selenium through the system chromedriver. */
package org.parley.it.portal;
