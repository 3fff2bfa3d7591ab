package org.parley.cdr;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.parley.tenant.TenantId;

/** Where CDRs are kept; every finder is scoped by tenant. */
public interface CallDetailRecordRepository {

    Optional<CallDetailRecord> find(TenantId tenant, String call);

    /** Started in {@code [from, to)}, newest first. */
    List<CallDetailRecord> list(TenantId tenant, Instant from, Instant to, int limit);

    /** The records of these calls that exist, by call (one round trip, whatever the number of calls). */
    Map<String, CallDetailRecord> findAll(TenantId tenant, Collection<String> calls);

    /** Adds a new record; it is written when the transaction commits. */
    void store(CallDetailRecord record);
}
