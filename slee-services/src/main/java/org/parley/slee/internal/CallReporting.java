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
            String domain = hostOf(record.caller());
            String caller = userOf(record.caller());
            String callee = userOf(record.callee());
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
                media.flatMap(CallMedia::callee).map(CallReporting::quality));
    }

    private static LegQuality quality(StreamStats s) {
        return new LegQuality(s.packetsSent(), s.packetsReceived(), s.packetsLost(), s.jitterMillis(), s.mos());
    }

    /** {@code sip:1001@acme.example} → {@code acme.example}. */
    static String hostOf(String aor) {
        String rest = aor.substring(aor.indexOf(':') + 1);
        int at = rest.indexOf('@');
        String host = at < 0 ? rest : rest.substring(at + 1);
        int end = indexOfAny(host, ";>:");
        return end < 0 ? host : host.substring(0, end);
    }

    /** {@code sip:1001@acme.example} → {@code 1001}. */
    static String userOf(String aor) {
        String rest = aor.substring(aor.indexOf(':') + 1);
        int at = rest.indexOf('@');
        return at < 0 ? rest : rest.substring(0, at);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
