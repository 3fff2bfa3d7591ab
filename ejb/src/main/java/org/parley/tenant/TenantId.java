package org.parley.tenant;

/** A tenant's identity. Carried by every service call so that no query can forget its scope. */
public record TenantId(long value) {
    @Override
    public String toString() {
        return Long.toString(value);
    }
}
