package org.parley.slee.runtime;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import javax.slee.SbbLocalObject;

/**
 * Names an SBB's local interface (JSLEE's sbb-local-interface): an interface extending {@link SbbLocalObject}
 * whose other methods the SBB class implements. Other entities (a parent calling its child) call those methods
 * synchronously, inside the caller's transaction.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SbbLocal {

    Class<? extends SbbLocalObject> value();
}
