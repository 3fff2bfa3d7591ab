package org.parley.slee.runtime;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import javax.slee.ActivityContextInterface;
import javax.slee.facilities.ActivityContextNamingFacility;
import javax.slee.facilities.FacilityException;
import javax.slee.facilities.NameAlreadyBoundException;
import javax.slee.facilities.NameNotBoundException;

/**
 * The activity-context naming facility (JSLEE 1.0): lets unrelated SBB entities meet on a shared activity by
 * name. Binds and unbinds are undone if the transaction rolls back; a name goes away with its activity context.
 */
final class ActivityNames implements ActivityContextNamingFacility {

    private final Map<String, ActivityContext> bound = new ConcurrentHashMap<>();

    @Override
    public void bind(ActivityContextInterface aci, String name) throws NameAlreadyBoundException {
        Objects.requireNonNull(aci, "aci");
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an activity context name must not be empty");
        }
        SleeTransaction tx = SleeTransaction.current();
        ActivityContext activityContext = ActivityContext.of(aci);
        if (activityContext.isEnding()) {
            throw new FacilityException("activity " + activityContext.handle() + " is ending");
        }
        if (bound.putIfAbsent(name, activityContext) != null) {
            throw new NameAlreadyBoundException(name);
        }
        activityContext.names().add(name);
        tx.onRollback(() -> {
            bound.remove(name, activityContext);
            activityContext.names().remove(name);
        });
    }

    @Override
    public void unbind(String name) throws NameNotBoundException {
        Objects.requireNonNull(name, "name");
        SleeTransaction tx = SleeTransaction.current();
        ActivityContext activityContext = bound.remove(name);
        if (activityContext == null) {
            throw new NameNotBoundException(name);
        }
        activityContext.names().remove(name);
        tx.onRollback(() -> {
            bound.put(name, activityContext);
            activityContext.names().add(name);
        });
        tx.touch(activityContext);
    }

    @Override
    public ActivityContextInterface lookup(String name) {
        Objects.requireNonNull(name, "name");
        SleeTransaction.current();
        ActivityContext activityContext = bound.get(name);
        return activityContext == null || activityContext.hasEnded() ? null : activityContext;
    }

    void unbindAll(ActivityContext activityContext) {
        for (String name : activityContext.names()) {
            bound.remove(name, activityContext);
        }
        activityContext.names().clear();
    }
}
