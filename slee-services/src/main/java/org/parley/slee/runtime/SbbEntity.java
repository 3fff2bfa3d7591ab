package org.parley.slee.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import javax.slee.ActivityContextInterface;
import javax.slee.Address;
import javax.slee.CreateException;
import javax.slee.NoSuchObjectLocalException;
import javax.slee.Sbb;
import javax.slee.SbbLocalObject;

import org.parley.slee.runtime.SbbComponent.AbstractMethod;
import org.parley.slee.runtime.SbbComponent.ChildGet;
import org.parley.slee.runtime.SbbComponent.ChildRelationSpec;
import org.parley.slee.runtime.SbbComponent.CmpGet;
import org.parley.slee.runtime.SbbComponent.CmpSet;
import org.parley.slee.runtime.SbbComponent.Fire;

/**
 * One SBB entity: its CMP state (held here, not in the SBB object, so the transaction can undo writes), its
 * children, the activity contexts it is attached to and its event masks. A tree (a root and its descendants) shares
 * one lock; every field is read and written under it.
 */
final class SbbEntity {

    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final Slee slee;
    private final ServiceRuntime service;
    private final SbbComponent component;
    private final SbbEntity parent;
    private final String relation;
    private final SbbEntity root;
    private final ReentrantLock treeLock;
    private final ConvergenceName convergenceName;
    private final Sbb sbb;
    private final SbbLocalObject localObject;
    private final EntitySbbContext context;
    private final Map<String, Object> cmp = new HashMap<>();
    private final Map<String, Set<SbbEntity>> children = new LinkedHashMap<>();
    private final Set<ActivityContext> attachments = new LinkedHashSet<>();
    private final Map<ActivityContext, Set<String>> masks = new HashMap<>();
    private volatile byte priority;
    private volatile boolean removed;

    private SbbEntity(Slee slee, ServiceRuntime service, SbbComponent component, SbbEntity parent, String relation,
                      ConvergenceName convergenceName, byte priority) {
        this.slee = slee;
        this.service = service;
        this.component = component;
        this.parent = parent;
        this.relation = relation;
        this.root = parent == null ? this : parent.root;
        this.treeLock = parent == null ? new ReentrantLock() : parent.treeLock;
        this.convergenceName = convergenceName;
        this.priority = priority;
        this.context = new EntitySbbContext(this, slee);
        this.sbb = component.instantiate(this);
        this.localObject = component.newLocalObject(this);
    }

    /** A root entity, not yet initialised; the caller registers it under its convergence name first. */
    static SbbEntity newRoot(Slee slee, ServiceRuntime service, ConvergenceName name) {
        return new SbbEntity(slee, service, service.rootComponent(), null, null, name,
                service.definition().rootPriority());
    }

    /** Runs the creation callbacks in the transaction; a rollback marks the entity removed. */
    void initialise(SleeTransaction tx) throws CreateException {
        tx.lock(this);
        tx.touch(this);
        tx.onRollback(() -> removed = true);
        tx.afterRollback(sbb::unsetSbbContext);
        sbb.setSbbContext(context);
        sbb.sbbCreate();
        sbb.sbbPostCreate();
    }

    SbbEntity createChild(ChildRelationSpec spec) throws CreateException {
        SleeTransaction tx = SleeTransaction.current();
        tx.lock(this);
        checkLive();
        SbbEntity child = new SbbEntity(slee, service, slee.component(spec.childSbb()), this, spec.name(), null,
                spec.priority());
        Set<SbbEntity> relationMembers = children.computeIfAbsent(spec.name(), name -> new LinkedHashSet<>());
        relationMembers.add(child);
        tx.onRollback(() -> relationMembers.remove(child));
        child.initialise(tx);
        return child;
    }

    /**
     * Removes this entity and its descendants (children first), detaching each from its activity contexts; every
     * step is undone if the transaction rolls back.
     */
    void remove(SleeTransaction tx) {
        tx.lock(this);
        for (SbbEntity child : allChildren()) {
            child.remove(tx);
        }
        sbb.sbbRemove();
        for (ActivityContext activityContext : new ArrayList<>(attachments)) {
            activityContext.detach(this, tx);
        }
        if (parent != null) {
            Set<SbbEntity> siblings = parent.children.get(relation);
            siblings.remove(this);
            tx.onRollback(() -> siblings.add(this));
        } else {
            service.deregister(convergenceName, this);
            tx.onRollback(() -> service.register(convergenceName, this));
        }
        removed = true;
        tx.onRollback(() -> removed = false);
        tx.afterCommit(sbb::unsetSbbContext);
    }

    /** Implements the SBB's abstract methods; called from the generated subclass. */
    Object invokeAbstract(AbstractMethod method, Object[] args) throws CreateException {
        Objects.requireNonNull(method, "abstract method the runtime does not know");
        SleeTransaction tx = SleeTransaction.current();
        tx.lock(this);
        checkLive();
        if (method instanceof CmpGet get) {
            return cmp.containsKey(get.field()) ? cmp.get(get.field()) : get.defaultValue();
        }
        if (method instanceof CmpSet set) {
            boolean had = cmp.containsKey(set.field());
            Object old = cmp.put(set.field(), args[0]);
            tx.onRollback(() -> {
                if (had) {
                    cmp.put(set.field(), old);
                } else {
                    cmp.remove(set.field());
                }
            });
            return null;
        }
        if (method instanceof ChildGet child) {
            return new EntityChildRelation(this, component.childRelations().get(child.relation()));
        }
        if (method instanceof Fire) {
            Object event = Objects.requireNonNull(args[0], "event");
            ActivityContext target = ActivityContext.of(Objects.requireNonNull((ActivityContextInterface) args[1], "aci"));
            Address address = (Address) args[2];
            tx.afterCommit(() -> slee.fireFromSbb(target, event, address));
            return null;
        }
        throw new IllegalStateException("unhandled abstract method kind " + method);
    }

    /** Attachments of the whole subtree; a root whose count is zero is removed (JSLEE 1.0). */
    int attachmentCount() {
        int count = attachments.size();
        for (SbbEntity child : allChildren()) {
            count += child.attachmentCount();
        }
        return count;
    }

    List<SbbEntity> allChildren() {
        List<SbbEntity> all = new ArrayList<>();
        children.values().forEach(all::addAll);
        return all;
    }

    List<SbbEntity> children(String relationName) {
        return new ArrayList<>(children.getOrDefault(relationName, Set.of()));
    }

    void checkLive() {
        if (removed) {
            throw new NoSuchObjectLocalException("SBB entity " + id + " has been removed");
        }
    }

    boolean isMasked(ActivityContext activityContext, String eventName) {
        Set<String> mask = masks.get(activityContext);
        return mask != null && mask.contains(eventName);
    }

    boolean removed() {
        return removed;
    }

    byte priority() {
        return priority;
    }

    void priority(byte priority) {
        this.priority = priority;
    }

    SbbEntity root() {
        return root;
    }

    SbbEntity parent() {
        return parent;
    }

    ReentrantLock treeLock() {
        return treeLock;
    }

    Sbb sbb() {
        return sbb;
    }

    SbbComponent component() {
        return component;
    }

    ServiceRuntime service() {
        return service;
    }

    SbbLocalObject localObject() {
        return localObject;
    }

    Set<ActivityContext> attachments() {
        return attachments;
    }

    Map<ActivityContext, Set<String>> masks() {
        return masks;
    }

    @Override
    public String toString() {
        return "SbbEntity[" + id + " " + component.sbbClass().getSimpleName() + "]";
    }
}
