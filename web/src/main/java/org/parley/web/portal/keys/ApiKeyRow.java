package org.parley.web.portal.keys;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.parley.access.ApiKey;

/** One line of the API keys list: never the secret, only the prefix that identifies the key in logs. */
public record ApiKeyRow(long id, String name, String prefix, String role, String agent, String createdBy,
        String createdAt, String revokedAt, boolean active) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    static ApiKeyRow of(ApiKey key) {
        return new ApiKeyRow(key.id().value(), key.name(), key.prefix() + "…", key.role().name(),
                key.agent().isPresent() ? Long.toString(key.agent().getAsLong()) : "", key.createdBy(),
                WHEN.format(key.createdAt()), key.revokedAt().map(WHEN::format).orElse(""), key.isActive());
    }
}
