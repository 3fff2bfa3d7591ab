package org.parley.acd.routing.interaction;

import java.util.Objects;

/** Who the customer is as far as routing knows: a caller's number, a chat visitor id, a callback number. */
public record CustomerIdentity(String value) {

    public CustomerIdentity {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a customer identity cannot be blank");
        }
    }

    public static CustomerIdentity of(String value) {
        return new CustomerIdentity(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
