/** Portal pages for queues: the list, and the form for a queue's routing strategy, service level and wrap-up. */
package org.parley.web.portal.queues;
