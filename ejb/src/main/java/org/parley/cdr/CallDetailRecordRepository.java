package org.parley.cdr;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.parley.tenant.TenantId;

/** Where CDRs are kept; every finder is scoped by tenant. */
public interface CallDetailRecordRepository {

    Optional<CallDetailRecord> find(TenantId tenant, String call);

    /** Started in {@code [from, to)}, newest first. */
    List<CallDetailRecord> list(TenantId tenant, Instant from, Instant to, int limit);

    void store(CallDetailRecord record);
}
