package org.parley.slee.runtime;

/**
 * Implemented by the SBB subclasses the runtime generates, to bind an SBB object to its entity. Public only because
 * generated classes live in their own class loader; nothing outside the runtime should call it.
 */
public interface GeneratedSbb {

    Object parleySbbEntity();

    void parleySbbEntity(Object entity);
}
