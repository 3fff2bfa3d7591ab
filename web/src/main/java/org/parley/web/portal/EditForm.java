package org.parley.web.portal;

import java.io.IOException;
import java.io.Serializable;
import java.util.Optional;

import org.parley.rule.UnknownEntityException;

/**
 * What every portal edit form shares: the entity's id (none for a new one), the version the page was opened at (sent
 * with the update, so a concurrent change is refused), its enabled flag, and reading the entity named by the
 * {@code id} request parameter when the page opens (a GET only reads; an unknown or foreign id is a 404).
 *
 * @param <T> the domain entity the form edits
 */
public abstract class EditForm<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    protected Long id;
    protected long version;
    protected boolean enabled = true;

    /** The page's view action. */
    public void load() throws IOException {
        Optional<Long> requested = PageRequest.id();
        if (requested.isEmpty()) {
            return;
        }
        try {
            show(find(requested.get()));
        } catch (UnknownEntityException e) {
            PageRequest.notFound();
        }
    }

    /** The entity with this id, for the signed-in user's tenant. */
    protected abstract T find(long id);

    /** Copies the entity into the form's fields, id and version included. */
    protected abstract void show(T entity);

    public boolean isNew() {
        return id == null;
    }

    public Long getId() {
        return id;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
