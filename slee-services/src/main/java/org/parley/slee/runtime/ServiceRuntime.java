package org.parley.slee.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An installed service: its root SBB component and its root entities by convergence name. */
final class ServiceRuntime {

    private final Service definition;
    private final SbbComponent rootComponent;
    private final ComponentKeys.ServiceKey id;
    private final Map<ConvergenceName, SbbEntity> roots = new ConcurrentHashMap<>();

    ServiceRuntime(Service definition, SbbComponent rootComponent) {
        this.definition = definition;
        this.rootComponent = rootComponent;
        this.id = new ComponentKeys.ServiceKey(definition.name());
    }

    Service definition() {
        return definition;
    }

    SbbComponent rootComponent() {
        return rootComponent;
    }

    ComponentKeys.ServiceKey id() {
        return id;
    }

    /**
     * The root entity for the name, creating and registering it if there is none. The tree of the returned entity
     * is locked by {@code tx}; a new one is registered before its creation callbacks run, so a concurrent event with
     * the same name waits on its lock instead of creating a second root.
     * <p>
     * A root whose tree was committed with no attachment is dead (JSLEE removes a tree attached to nothing): the
     * router removes it after the commit, but only once the commit's effects ran, and one of them may be the response
     * that makes the peer send the next initial event (a 407, then the INVITE with credentials). If that event gets
     * here first, it removes the dead root itself and gets a new one rather than inheriting the old one's state.
     */
    Obtained obtainRoot(ConvergenceName name, Slee slee, SleeTransaction tx) {
        while (true) {
            SbbEntity existing;
            SbbEntity created = null;
            synchronized (this) {
                existing = roots.get(name);
                if (existing == null) {
                    created = SbbEntity.newRoot(slee, this, name);
                    tx.lock(created);
                    roots.put(name, created);
                }
            }
            if (created != null) {
                SbbEntity registered = created;
                tx.onRollback(() -> roots.remove(name, registered));
                return new Obtained(created, true);
            }
            tx.lock(existing);
            if (!existing.removed() && existing.attachmentCount() == 0) {
                existing.remove(tx);
            }
            if (!existing.removed()) {
                return new Obtained(existing, false);
            }
        }
    }

    void register(ConvergenceName name, SbbEntity entity) {
        roots.put(name, entity);
    }

    void deregister(ConvergenceName name, SbbEntity entity) {
        roots.remove(name, entity);
    }

    int rootCount() {
        return roots.size();
    }

    record Obtained(SbbEntity entity, boolean created) {
    }
}
