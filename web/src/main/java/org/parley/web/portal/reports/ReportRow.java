package org.parley.web.portal.reports;

/** One line of the report table: a queue in one interval. */
public record ReportRow(long queueId, String queue, String interval, QueueFigures figures) {
}
