package org.parley.rule;

/** The thing asked for does not exist for this tenant (another tenant's id looks exactly like a missing one). */
public class UnknownEntityException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownEntityException(String kind, Object id) {
        super(kind + " " + id + " does not exist");
    }

    /** @param why what the caller should know beyond "not found", e.g. where the thing went */
    public UnknownEntityException(String kind, Object id, String why) {
        super(kind + " " + id + " does not exist here: " + why);
    }
}
