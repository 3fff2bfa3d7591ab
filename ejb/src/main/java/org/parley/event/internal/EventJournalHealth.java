package org.parley.event.internal;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import org.parley.event.EventJournal;
import org.parley.health.HealthContributor;
import org.parley.health.PartHealth;

/**
 * The write-behind journal's backlog: up while it takes new work (with how far behind it is), down once the
 * database has been away so long that new ACD work is refused.
 */
@ApplicationScoped
public class EventJournalHealth implements HealthContributor {

    @EJB
    private EventJournal journal;

    @Override
    public String name() {
        return "event-journal";
    }

    @Override
    public PartHealth check() {
        EventJournal.Backlog b = journal.backlog();
        String figures = b.pending() + " event(s) waiting to be written (new work refused from " + b.newWorkLimit()
                + ", appends from " + b.maxPending() + "), " + b.written() + " written, " + b.failedAttempts()
                + " failed batch attempt(s)";
        return journal.hasRoom() ? PartHealth.up(name(), figures)
                : PartHealth.down(name(), "the event log cannot keep up, new ACD work is refused: " + figures);
    }
}
