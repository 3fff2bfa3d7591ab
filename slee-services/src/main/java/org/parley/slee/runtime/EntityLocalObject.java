package org.parley.slee.runtime;

import java.lang.reflect.Proxy;

import javax.slee.SbbLocalObject;

/** The {@link SbbLocalObject} of one entity: what SBBs hold to refer to each other and what attach/detach take. */
final class EntityLocalObject implements SbbLocalObject {

    private final SbbEntity entity;

    EntityLocalObject(SbbEntity entity) {
        this.entity = entity;
    }

    static SbbEntity entityOf(SbbLocalObject localObject) {
        if (localObject instanceof EntityLocalObject local) {
            return local.entity;
        }
        if (localObject != null && Proxy.isProxyClass(localObject.getClass())
                && Proxy.getInvocationHandler(localObject) instanceof LocalObjectHandler handler) {
            return handler.local().entity;
        }
        if (localObject == null) {
            throw new NullPointerException("sbbLocalObject");
        }
        throw new IllegalArgumentException("not an SBB local object of this SLEE: " + localObject);
    }

    @Override
    public boolean isIdentical(SbbLocalObject other) {
        return other != null && entityOf(other) == entity;
    }

    @Override
    public void setSbbPriority(byte priority) {
        SleeTransaction tx = SleeTransaction.current();
        tx.lock(entity);
        entity.checkLive();
        byte old = entity.priority();
        entity.priority(priority);
        tx.onRollback(() -> entity.priority(old));
    }

    @Override
    public byte getSbbPriority() {
        entity.checkLive();
        return entity.priority();
    }

    @Override
    public void remove() {
        SleeTransaction tx = SleeTransaction.current();
        tx.lock(entity);
        entity.checkLive();
        entity.remove(tx);
    }

    @Override
    public String toString() {
        return "SbbLocalObject[" + entity + "]";
    }
}
