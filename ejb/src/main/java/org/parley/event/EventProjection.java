package org.parley.event;

import java.util.List;

/**
 * A read model kept in step with the event log: the log hands it every batch it appends, in the transaction that
 * appends it, so the model and the log commit or roll back together and the model never lags behind. It must be
 * idempotent (a batch whose transaction failed is appended and applied again) and quick (it runs on the append
 * path), and it skips, with a log line, an event it cannot take rather than throw: a throw rolls the batch back and
 * holds up every event behind it.
 */
public interface EventProjection {

    /** Folds in the events of the batch it keeps, in order; it ignores the others. */
    void apply(List<DomainEvent> batch);
}
