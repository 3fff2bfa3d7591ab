package org.parley.slee.internal;

import java.util.Objects;
import java.util.Optional;

import org.parley.cdr.CallJournal;
import org.parley.cdr.CallOutcome;
import org.parley.cdr.LegQuality;
import org.parley.media.control.StreamStats;
import org.parley.sip.call.ActiveCallRegistry;
import org.parley.sip.call.CallRecord;
import org.parley.sip.call.CallRecords;
import org.parley.sip.registrar.AddressOfRecord;

/**
 * The call service's records, passed on: to the registry of calls in progress (for the API) and to the call
 * journal (events in the log, projected into CDRs). Each record is one step — start, ring, answer or end — read off
 * the latest field it has. Runs on SLEE event threads: both targets only queue or update memory.
 */
final class CallReporting implements CallRecords {

    private static final System.Logger LOG = System.getLogger(CallReporting.class.getName());

    private final ActiveCallRegistry active;
    private final CallJournal journal;

    CallReporting(ActiveCallRegistry active, CallJournal journal) {
        this.active = Objects.requireNonNull(active, "active");
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    @Override
    public void publish(String call, CallRecord record, Optional<CallMedia> media) {
        try {
            String domain = AddressOfRecord.domain(record.caller());
            String caller = AddressOfRecord.user(record.caller());
            String callee = AddressOfRecord.user(record.callee());
            if (record.isEnded()) {
                active.ended(call);
                journal.ended(domain, call, record.end().orElseThrow(), outcome(record, media));
            } else if (record.answer().isPresent()) {
                active.answered(call, record.answer().get());
                active.state(call, "CONNECTED");
                journal.answered(domain, call, record.answer().get());
            } else if (record.ring().isPresent()) {
                active.state(call, "RINGING");
                journal.ringing(domain, call, record.ring().get());
            } else {
                active.started(domain, call, caller, callee, record.start());
                journal.started(domain, call, caller, callee, record.start());
            }
        } catch (RuntimeException e) {
            // a report must never fail the call it reports on
            LOG.log(System.Logger.Level.ERROR, "could not report call " + call, e);
        }
    }

    private static CallOutcome outcome(CallRecord record, Optional<CallMedia> media) {
        return new CallOutcome(record.disposition().orElseThrow().name(), record.hangupSide().orElseThrow().name(),
                record.finalCode().orElseThrow(), media.flatMap(CallMedia::codec),
                media.flatMap(CallMedia::caller).map(CallReporting::quality),
                media.flatMap(CallMedia::callee).map(CallReporting::quality),
                record.mediaFailure().map(Enum::name));
    }

    private static LegQuality quality(StreamStats s) {
        return new LegQuality(s.packetsSent(), s.packetsReceived(), s.packetsLost(), s.jitterMillis(), s.mos());
    }
}
