package org.parley.slee.runtime;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import javax.slee.Sbb;

/**
 * Declares an abstract {@code ChildRelation get…()} method of an SBB as a child relation and names the child SBB
 * class; JSLEE puts this in the deployment descriptor, Parley next to the method.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ChildSbb {

    Class<? extends Sbb> value();

    /** Priority of the children created through this relation (JSLEE's default-priority, -128..127). */
    byte priority() default 0;
}
