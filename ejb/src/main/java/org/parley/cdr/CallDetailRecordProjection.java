package org.parley.cdr;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.parley.event.DomainEvent;

/**
 * Folds {@code call.*} events into their CDRs a batch at a time: one read per call, however many of its steps the
 * batch holds (a short call's start, ring and answer often arrive together). An event its record cannot take (a
 * detail that does not parse) is logged and skipped, so that one bad event never holds up the log.
 */
public final class CallDetailRecordProjection {

    private static final System.Logger LOG = System.getLogger(CallDetailRecordProjection.class.getName());

    private final CallDetailRecordRepository records;

    public CallDetailRecordProjection(CallDetailRecordRepository records) {
        this.records = Objects.requireNonNull(records, "records");
    }

    /** @return how many of the batch's call events were skipped */
    public int apply(List<DomainEvent> batch) {
        Map<String, CallDetailRecord> touched = new HashMap<>();
        int skipped = 0;
        for (DomainEvent event : batch) {
            if (!event.type().startsWith(CallDetailRecord.TYPE_PREFIX)) {
                continue;
            }
            String key = event.tenant().value() + "/" + event.subjectId();
            CallDetailRecord record = touched.get(key);
            if (record == null) {
                record = records.find(event.tenant(), event.subjectId()).orElse(null);
            }
            try {
                if (record == null) {
                    record = CallDetailRecord.from(event);
                    records.store(record);
                } else {
                    record.apply(event);
                }
                touched.put(key, record);
            } catch (IllegalArgumentException e) {
                skipped++;
                LOG.log(System.Logger.Level.ERROR, "call event " + event.id() + " (" + event.type() + " of call "
                        + event.subjectId() + ") is not in its CDR: " + e.getMessage());
            }
        }
        return skipped;
    }
}
