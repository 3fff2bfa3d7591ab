package org.parley.rule;

/** Input that parses but breaks a rule of the domain; names the field so a form can show it there. */
public class RuleViolationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public RuleViolationException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
