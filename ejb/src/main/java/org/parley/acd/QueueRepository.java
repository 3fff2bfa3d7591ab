package org.parley.acd;

import java.util.List;
import java.util.Optional;

import org.parley.tenant.TenantId;

/** Where queues are kept; every finder is scoped by tenant. */
public interface QueueRepository {

    Optional<Queue> find(TenantId tenant, QueueId id);

    Optional<Queue> findByName(TenantId tenant, String name);

    List<Queue> list(TenantId tenant);

    void store(Queue queue);
}
