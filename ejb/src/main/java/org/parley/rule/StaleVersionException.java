package org.parley.rule;

/** An update was based on a version someone else has since changed (optimistic locking). */
public class StaleVersionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StaleVersionException(String kind, Object id, long expected, long actual) {
        super(kind + " " + id + " is at version " + actual + ", the update was based on version " + expected);
    }
}
