package org.parley.access;

/** The caller is authenticated but its role does not allow the operation. */
public class NotPermittedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotPermittedException(String message) {
        super(message);
    }
}
