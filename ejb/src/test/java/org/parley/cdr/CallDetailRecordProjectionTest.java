package org.parley.cdr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.parley.event.DomainEvent;
import org.parley.tenant.TenantId;

class CallDetailRecordProjectionTest {

    private static final TenantId TENANT = new TenantId(3);
    private static final TenantId OTHER_TENANT = new TenantId(4);
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private final Records records = new Records();
    private final CallDetailRecordProjection projection = new CallDetailRecordProjection(records);

    private static DomainEvent event(TenantId tenant, String call, String type, int second, Map<String, String> d) {
        return new DomainEvent(UUID.randomUUID(), tenant, T0.plusSeconds(second), type, "call", call, "sip", d);
    }

    private static Map<String, String> ended(String finalCode) {
        Map<String, String> d = new LinkedHashMap<>(CallDetailRecord.details(new CallOutcome("ANSWERED", "CALLEE",
                200, Optional.of("PCMU"), Optional.empty(), Optional.empty())));
        d.put("finalCode", finalCode);
        return d;
    }

    @Test
    void aBatchIsFoldedIntoItsCallsRecordsWithOneReadPerTenant() {
        List<DomainEvent> batch = List.of(
                event(TENANT, "a", CallDetailRecord.STARTED, 0, Map.of("caller", "1001", "callee", "1002")),
                new DomainEvent(UUID.randomUUID(), TENANT, T0, "acd.AgentReady", "agent", "7", "ann", Map.of()),
                event(TENANT, "b", CallDetailRecord.STARTED, 1, Map.of("caller", "1003", "callee", "1004")),
                event(TENANT, "a", CallDetailRecord.RINGING, 2, Map.of()),
                event(TENANT, "a", CallDetailRecord.ANSWERED, 5, Map.of()),
                // The same call id in another tenant is another call.
                event(OTHER_TENANT, "a", CallDetailRecord.STARTED, 3, Map.of("caller", "9", "callee", "8")));

        assertEquals(0, projection.apply(batch));

        assertEquals(2, records.finds, "one read per tenant, not per call or event");
        CallDetailRecord a = records.find(TENANT, "a").orElseThrow();
        assertEquals("1001", a.caller());
        assertEquals(Optional.of(T0.plusSeconds(2)), a.ringingAt());
        assertEquals(Optional.of(T0.plusSeconds(5)), a.answeredAt());
        assertEquals("1003", records.find(TENANT, "b").orElseThrow().caller());
        assertEquals("9", records.find(OTHER_TENANT, "a").orElseThrow().caller());
        assertEquals(3, records.stored.size());
        assertEquals(List.of(), records.saved, "records made in the batch are written once, as new");
    }

    @Test
    void aLaterBatchUpdatesTheRecordAndAppliedTwiceChangesNothing() {
        projection.apply(List.of(event(TENANT, "a", CallDetailRecord.STARTED, 0,
                Map.of("caller", "1001", "callee", "1002"))));
        List<DomainEvent> end = List.of(event(TENANT, "a", CallDetailRecord.ANSWERED, 4, Map.of()),
                event(TENANT, "a", CallDetailRecord.ENDED, 14, ended("200")));

        projection.apply(end);
        // A batch whose transaction failed is appended and projected again.
        projection.apply(end);

        CallDetailRecord a = records.find(TENANT, "a").orElseThrow();
        assertEquals(1, records.stored.size());
        assertEquals(List.of(a, a), records.saved, "each later batch writes the record it changed");
        assertEquals("1001", a.caller());
        assertEquals(Optional.of(T0.plusSeconds(4)), a.answeredAt());
        assertEquals(Optional.of(200), a.finalCode());
        assertEquals(Optional.of("ANSWERED"), a.disposition());
        assertEquals(Optional.of(T0.plusSeconds(14)), a.endedAt());
    }

    @Test
    void anEventItsRecordCannotTakeIsSkippedAndTheRestOfTheBatchStillCounts() {
        List<DomainEvent> batch = List.of(
                event(TENANT, "a", CallDetailRecord.STARTED, 0, Map.of("caller", "1001", "callee", "1002")),
                event(TENANT, "a", CallDetailRecord.ENDED, 9, ended("two hundred")),
                event(TENANT, "a", "call.Transferred", 10, Map.of()),
                event(TENANT, "b", CallDetailRecord.STARTED, 11, Map.of("caller", "1003", "callee", "1004")));

        assertEquals(2, projection.apply(batch));

        assertTrue(records.find(TENANT, "a").orElseThrow().endedAt().isEmpty(), "the malformed end is not applied");
        assertEquals("1003", records.find(TENANT, "b").orElseThrow().caller());
    }

    /** The repository port in memory: what the JPA adapter does with a table. */
    private static final class Records implements CallDetailRecordRepository {
        final List<CallDetailRecord> stored = new ArrayList<>();
        /** Reads the projection made. */
        int finds;

        @Override
        public Optional<CallDetailRecord> find(TenantId tenant, String call) {
            return stored.stream().filter(r -> r.tenant().equals(tenant) && r.call().equals(call)).findFirst();
        }

        @Override
        public Map<String, CallDetailRecord> findAll(TenantId tenant, Collection<String> calls) {
            finds++;
            Map<String, CallDetailRecord> found = new HashMap<>();
            stored.stream().filter(r -> r.tenant().equals(tenant) && calls.contains(r.call()))
                    .forEach(r -> found.put(r.call(), r));
            return found;
        }

        @Override
        public List<CallDetailRecord> list(TenantId tenant, Instant from, Instant to, int limit) {
            throw new UnsupportedOperationException("the projection only finds and stores");
        }

        /** Records passed as changed, over every save. */
        final List<CallDetailRecord> saved = new ArrayList<>();

        @Override
        public void save(Collection<CallDetailRecord> created, Collection<CallDetailRecord> changed) {
            stored.addAll(created);
            saved.addAll(changed);
        }
    }
}
