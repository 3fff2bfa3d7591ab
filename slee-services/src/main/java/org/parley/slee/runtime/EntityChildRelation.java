package org.parley.slee.runtime;

import java.util.AbstractCollection;
import java.util.Iterator;
import java.util.List;

import javax.slee.ChildRelation;
import javax.slee.CreateException;
import javax.slee.SbbLocalObject;

import org.parley.slee.runtime.SbbComponent.ChildRelationSpec;

/**
 * A live view of one child relation of a parent entity. Per JSLEE, {@code add} is not supported (children are
 * made by {@link #create}) and removing an element removes that child entity and its descendants.
 */
// The JSLEE 1.0 API predates generics: ChildRelation extends the raw Collection.
@SuppressWarnings({"rawtypes", "unchecked"})
final class EntityChildRelation extends AbstractCollection implements ChildRelation {

    private final SbbEntity parent;
    private final ChildRelationSpec spec;

    EntityChildRelation(SbbEntity parent, ChildRelationSpec spec) {
        this.parent = parent;
        this.spec = spec;
    }

    @Override
    public SbbLocalObject create() throws CreateException {
        return parent.createChild(spec).localObject();
    }

    @Override
    public Iterator iterator() {
        Iterator<SbbEntity> members = members().iterator();
        return new Iterator() {
            private SbbEntity last;

            @Override
            public boolean hasNext() {
                return members.hasNext();
            }

            @Override
            public Object next() {
                last = members.next();
                return last.localObject();
            }

            @Override
            public void remove() {
                if (last == null) {
                    throw new IllegalStateException("next() has not been called");
                }
                removeChild(last);
                last = null;
            }
        };
    }

    @Override
    public int size() {
        return members().size();
    }

    @Override
    public boolean contains(Object o) {
        if (!(o instanceof SbbLocalObject local)) {
            return false;
        }
        try {
            return members().contains(EntityLocalObject.entityOf(local));
        } catch (IllegalArgumentException notOurs) {
            return false;
        }
    }

    @Override
    public boolean remove(Object o) {
        if (!contains(o)) {
            return false;
        }
        removeChild(EntityLocalObject.entityOf((SbbLocalObject) o));
        return true;
    }

    @Override
    public void clear() {
        members().forEach(this::removeChild);
    }

    private List<SbbEntity> members() {
        SleeTransaction tx = SleeTransaction.current();
        tx.lock(parent);
        parent.checkLive();
        return parent.children(spec.name());
    }

    private void removeChild(SbbEntity child) {
        SleeTransaction tx = SleeTransaction.current();
        child.remove(tx);
    }
}
