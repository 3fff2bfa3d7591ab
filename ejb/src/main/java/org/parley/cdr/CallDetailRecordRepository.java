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

    /**
     * Writes a batch's records in the caller's transaction: {@code created} are new (not returned by
     * {@link #findAll}), {@code changed} were found and have changed since.
     *
     * @throws IllegalStateException if a changed record's row was changed by someone else meanwhile (its version
     *                               moved); the transaction must then roll back
     */
    void save(Collection<CallDetailRecord> created, Collection<CallDetailRecord> changed);
}
