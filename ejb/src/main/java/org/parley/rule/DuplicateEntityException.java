package org.parley.rule;

/** A second thing with a name that must be unique (an extension, a queue name, a username). */
public class DuplicateEntityException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public DuplicateEntityException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field whose value is already taken. */
    public String field() {
        return field;
    }
}
