package org.parley.web.portal.reports;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.parley.access.NotPermittedException;
import org.parley.acd.Queue;
import org.parley.acd.QueueService;
import org.parley.acd.RoutingService;
import org.parley.acd.routing.kpi.QueueIntervalReport;
import org.parley.rule.RuleViolationException;
import org.parley.web.api.QueueReportCsv;
import org.parley.web.portal.FormMessages;
import org.parley.web.portal.SignedInUser;

/**
 * The queue report for the days and interval the form names (today, every 30 minutes, when the page opens), as a
 * table or as the REST API's CSV. Dates are the tenant's: a day runs from local midnight to local midnight.
 */
@Named
@RequestScoped
public class QueueReportPage {

    static final String FORM = "report";

    @EJB
    private RoutingService routing;

    @EJB
    private QueueService queues;

    @Inject
    private SignedInUser user;

    @Inject
    private Clock clock;

    private LocalDate from;
    private LocalDate to;
    private ReportInterval interval = ReportInterval.HALF_HOUR;
    private List<ReportRow> rows;

    /** What the ACD answered for the period the form asked for. */
    private record Report(ReportPeriod period, ZoneId zone, List<QueueIntervalReport> lines) {
    }

    @PostConstruct
    void today() {
        from = LocalDate.now(clock.withZone(user.timeZone()));
        to = from;
    }

    /** The page's view action: today's table when the page opens. */
    public void open() {
        show();
    }

    /** The Show button: the table for the submitted form. */
    public void show() {
        rows = report().map(this::rowsOf).orElse(List.of());
    }

    /** The Download CSV button: the same rows as a file; a refused period stays on the page with its message. */
    public void download() throws IOException {
        Optional<Report> report = report();
        if (report.isEmpty()) {
            return;
        }
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        external.setResponseContentType(QueueReportCsv.MEDIA_TYPE);
        external.setResponseCharacterEncoding("UTF-8");
        external.setResponseHeader("Content-Disposition",
                "attachment; filename=\"" + report.get().period().fileName() + "\"");
        external.getResponseOutputWriter().write(QueueReportCsv.of(report.get().lines()));
        faces.responseComplete();
    }

    /** Empty until an action built it (and under a form whose input was refused). */
    public List<ReportRow> getRows() {
        return rows == null ? List.of() : rows;
    }

    private Optional<Report> report() {
        try {
            ReportPeriod period = ReportPeriod.of(from, to);
            ZoneId zone = user.timeZone();
            return Optional.of(new Report(period, zone, routing.queueReport(user.caller(), period.start(zone),
                    period.end(zone), interval.length())));
        } catch (RuleViolationException | NotPermittedException e) {
            FormMessages.refused(FORM, e);
            return Optional.empty();
        }
    }

    private List<ReportRow> rowsOf(Report report) {
        Map<String, String> names = queues.list(user.caller()).stream()
                .collect(Collectors.toMap(q -> Long.toString(q.id().value()), Queue::name));
        return report.lines().stream().map(line -> {
            String id = line.queue().value();
            return new ReportRow(Long.parseLong(id), names.getOrDefault(id, "queue " + id),
                    interval.describe(line.intervalStart(), report.zone()), QueueFigures.of(line));
        }).toList();
    }

    public List<ReportInterval> getIntervals() {
        return List.of(ReportInterval.values());
    }

    public LocalDate getFrom() {
        return from;
    }

    public void setFrom(LocalDate from) {
        this.from = from;
    }

    public LocalDate getTo() {
        return to;
    }

    public void setTo(LocalDate to) {
        this.to = to;
    }

    public ReportInterval getInterval() {
        return interval;
    }

    public void setInterval(ReportInterval interval) {
        this.interval = interval;
    }
}
