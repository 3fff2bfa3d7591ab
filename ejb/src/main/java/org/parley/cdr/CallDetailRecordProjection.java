package org.parley.cdr;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.parley.event.DomainEvent;
import org.parley.tenant.TenantId;

/**
 * Folds {@code call.*} events into their CDRs a batch at a time: one read per tenant for all the calls the batch
 * touches, however many steps of each it holds (a short call's start, ring and answer often arrive together). An event its record cannot take (a
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
        // The records the batch touches, read once per tenant: tenant → call → record.
        Map<TenantId, Map<String, CallDetailRecord>> known = new HashMap<>();
        Map<TenantId, Set<String>> calls = new LinkedHashMap<>();
        for (DomainEvent event : batch) {
            if (event.type().startsWith(CallDetailRecord.TYPE_PREFIX)) {
                calls.computeIfAbsent(event.tenant(), t -> new LinkedHashSet<>()).add(event.subjectId());
            }
        }
        calls.forEach((tenant, ids) -> known.put(tenant, new HashMap<>(records.findAll(tenant, ids))));
        // Records the batch created, and found ones it changed: each written once, at the end.
        Set<CallDetailRecord> created = new LinkedHashSet<>();
        Set<CallDetailRecord> changed = new LinkedHashSet<>();
        int skipped = 0;
        for (DomainEvent event : batch) {
            if (!event.type().startsWith(CallDetailRecord.TYPE_PREFIX)) {
                continue;
            }
            Map<String, CallDetailRecord> tenantRecords = known.get(event.tenant());
            CallDetailRecord record = tenantRecords.get(event.subjectId());
            try {
                if (record == null) {
                    record = CallDetailRecord.from(event);
                    created.add(record);
                    tenantRecords.put(event.subjectId(), record);
                } else {
                    record.apply(event);
                    if (!created.contains(record)) {
                        changed.add(record);
                    }
                }
            } catch (IllegalArgumentException e) {
                skipped++;
                LOG.log(System.Logger.Level.ERROR, "call event " + event.id() + " (" + event.type() + " of call "
                        + event.subjectId() + ") is not in its CDR: " + e.getMessage());
            }
        }
        if (!created.isEmpty() || !changed.isEmpty()) {
            records.save(created, changed);
        }
        return skipped;
    }
}
