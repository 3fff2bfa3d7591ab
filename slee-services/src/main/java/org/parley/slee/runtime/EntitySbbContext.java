package org.parley.slee.runtime;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

import javax.slee.ActivityContextInterface;
import javax.slee.NotAttachedException;
import javax.slee.SbbID;
import javax.slee.SbbLocalObject;
import javax.slee.ServiceID;
import javax.slee.UnrecognizedEventException;
import javax.slee.facilities.ActivityContextNamingFacility;
import javax.slee.facilities.TimerFacility;
import javax.slee.nullactivity.NullActivityContextInterfaceFactory;
import javax.slee.nullactivity.NullActivityFactory;

/** The context of one entity's SBB object. */
final class EntitySbbContext implements SleeSbbContext {

    private final SbbEntity entity;
    private final Slee slee;

    EntitySbbContext(SbbEntity entity, Slee slee) {
        this.entity = entity;
        this.slee = slee;
    }

    @Override
    public SbbLocalObject getSbbLocalObject() {
        return entity.localObject();
    }

    @Override
    public ServiceID getService() {
        return entity.service().id();
    }

    @Override
    public SbbID getSbb() {
        return new ComponentKeys.SbbKey(entity.component().sbbClass().getName());
    }

    @Override
    public ActivityContextInterface[] getActivities() {
        SleeTransaction.current().lock(entity);
        entity.checkLive();
        return entity.attachments().toArray(new ActivityContextInterface[0]);
    }

    @Override
    public void maskEvent(String[] eventNames, ActivityContextInterface aci)
            throws UnrecognizedEventException, NotAttachedException {
        SleeTransaction tx = SleeTransaction.current();
        ActivityContext activityContext = ActivityContext.of(aci);
        tx.lock(entity);
        entity.checkLive();
        if (!activityContext.isAttached(entity)) {
            throw new NotAttachedException("not attached to " + activityContext);
        }
        Set<String> mask = new HashSet<>();
        for (String name : eventNames == null ? new String[0] : eventNames) {
            if (!entity.component().handlesEventNamed(name)) {
                throw new UnrecognizedEventException(entity.component().sbbClass().getName() + " has no handler on" + name);
            }
            mask.add(name);
        }
        Set<String> old = entity.masks().put(activityContext, Set.copyOf(mask));
        tx.onRollback(() -> {
            if (old == null) {
                entity.masks().remove(activityContext);
            } else {
                entity.masks().put(activityContext, old);
            }
        });
    }

    @Override
    public String[] getEventMask(ActivityContextInterface aci) throws NotAttachedException {
        ActivityContext activityContext = ActivityContext.of(aci);
        SleeTransaction.current().lock(entity);
        if (!activityContext.isAttached(entity)) {
            throw new NotAttachedException("not attached to " + activityContext);
        }
        return entity.masks().getOrDefault(activityContext, Set.of()).toArray(new String[0]);
    }

    @Override
    public void setRollbackOnly() {
        SleeTransaction.current().setRollbackOnly();
    }

    @Override
    public boolean getRollbackOnly() {
        return SleeTransaction.current().rollbackOnly();
    }

    @Override
    public TimerFacility timerFacility() {
        return slee.timers();
    }

    @Override
    public Clock clock() {
        return slee.clock();
    }

    @Override
    public ActivityContextNamingFacility activityContextNamingFacility() {
        return slee.names();
    }

    @Override
    public NullActivityFactory nullActivityFactory() {
        return slee.nullActivities();
    }

    @Override
    public NullActivityContextInterfaceFactory nullActivityContextInterfaceFactory() {
        return slee.nullActivities();
    }

    @Override
    public ActivityContextInterface activityContextInterface(Object activity) {
        return slee.activityContextOf(activity);
    }

    @Override
    public <T> T resourceAdaptor(String entityName, Class<T> type) {
        return slee.sbbInterface(entityName, type);
    }

    @Override
    public <T> T environment(String name, Class<T> type) {
        return slee.environment(name, type);
    }
}
