/** The agent desktop's push channel: offers and state changes delivered over a WebSocket as they happen. */
package org.parley.web.desk;
