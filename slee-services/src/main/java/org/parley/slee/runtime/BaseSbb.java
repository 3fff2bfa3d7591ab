package org.parley.slee.runtime;

import javax.slee.ActivityContextInterface;
import javax.slee.RolledBackContext;
import javax.slee.Sbb;
import javax.slee.SbbContext;
import javax.slee.SbbLocalObject;

/**
 * The usual superclass of a Parley SBB. JSLEE makes every SBB implement eleven lifecycle callbacks that most leave
 * empty; they are empty here once, so an SBB overrides only those it needs. Keep no state in fields: an SBB's state
 * is its CMP accessors, which the runtime rolls back with the transaction. Parley keeps one SBB object per entity
 * for the entity's life and never passivates it, so {@code sbbActivate} and {@code sbbPassivate} are not called;
 * {@code sbbLoad} and {@code sbbStore} bracket each event handler.
 */
public abstract class BaseSbb implements Sbb {

    private SleeSbbContext context;

    @Override
    public void setSbbContext(SbbContext context) {
        this.context = (SleeSbbContext) context;
    }

    @Override
    public void unsetSbbContext() {
        context = null;
    }

    protected final SleeSbbContext context() {
        return context;
    }

    protected final SbbLocalObject self() {
        return context.getSbbLocalObject();
    }

    @Override
    public void sbbCreate() throws javax.slee.CreateException {
    }

    @Override
    public void sbbPostCreate() throws javax.slee.CreateException {
    }

    @Override
    public void sbbActivate() {
    }

    @Override
    public void sbbPassivate() {
    }

    @Override
    public void sbbLoad() {
    }

    @Override
    public void sbbStore() {
    }

    @Override
    public void sbbRemove() {
    }

    @Override
    public void sbbExceptionThrown(Exception exception, Object event, ActivityContextInterface aci) {
    }

    @Override
    public void sbbRolledBack(RolledBackContext context) {
    }
}
