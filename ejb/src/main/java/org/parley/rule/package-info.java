/** What the domain says when a request breaks its rules: unknown, duplicate, stale or invalid. The REST layer maps
 * each to its status (404, 409, 409, 422) and an RFC 9457 problem body. */
package org.parley.rule;
