package org.parley.slee.runtime;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

import javax.slee.SbbLocalObject;
import javax.slee.TransactionRolledbackLocalException;

/**
 * Behind an SBB's custom local interface: the {@link SbbLocalObject} methods go to the entity's plain local object,
 * business methods to the SBB object under the caller's transaction. As in JSLEE, a business method that throws an
 * unchecked exception marks the transaction for rollback and reaches the caller as
 * {@link TransactionRolledbackLocalException}; checked exceptions it declares pass through.
 */
final class LocalObjectHandler implements InvocationHandler {

    private final EntityLocalObject local;
    private final Map<Method, Method> businessMethods;

    LocalObjectHandler(EntityLocalObject local, Map<Method, Method> businessMethods) {
        this.local = local;
        this.businessMethods = businessMethods;
    }

    EntityLocalObject local() {
        return local;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Method implementation = businessMethods.get(method);
        if (implementation == null) {
            return invokeOnLocal(proxy, method, args);
        }
        SbbEntity entity = EntityLocalObject.entityOf(local);
        SleeTransaction tx = SleeTransaction.current();
        tx.lock(entity);
        entity.checkLive();
        try {
            return implementation.invoke(entity.sbb(), args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                tx.setRollbackOnly();
                throw new TransactionRolledbackLocalException(method.getName() + " of " + entity + " threw", cause);
            }
            throw cause;
        }
    }

    private Object invokeOnLocal(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return local.toString();
            default:
                try {
                    return method.invoke(local, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
        }
    }
}
