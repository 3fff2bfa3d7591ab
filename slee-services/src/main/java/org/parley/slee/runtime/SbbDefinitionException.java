package org.parley.slee.runtime;

/** An SBB class or a service declaration breaks a rule of the component model; raised when it is installed. */
public class SbbDefinitionException extends RuntimeException {

    public SbbDefinitionException(String message) {
        super(message);
    }

    public SbbDefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
