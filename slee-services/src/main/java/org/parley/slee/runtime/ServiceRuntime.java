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
