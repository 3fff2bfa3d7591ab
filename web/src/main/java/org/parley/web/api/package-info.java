/** The REST API ({@code /api/v1}): resources translate HTTP to one service call and back, DTOs on the wire,
 * RFC 9457 problem bodies for errors, API-key authentication for everything but health. */
package org.parley.web.api;
