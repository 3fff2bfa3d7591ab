package org.parley.sip.registrar;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of an {@code Authorization} or {@code Proxy-Authorization} header with the Digest scheme
 * (RFC 7616 §3.4), parsed from the header value. Names are case-insensitive; values may be quoted strings with
 * backslash escapes or tokens.
 */
public record DigestCredentials(Map<String, String> parameters) {

    public DigestCredentials {
        parameters = Map.copyOf(parameters);
    }

    /**
     * Parses {@code Digest username="…", realm="…", …}.
     *
     * @return empty if the value is not a well-formed Digest credential
     */
    public static Optional<DigestCredentials> parse(String headerValue) {
        if (headerValue == null) {
            return Optional.empty();
        }
        String value = headerValue.trim();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Digest", 0, 6)
                || !Character.isWhitespace(value.charAt(6))) {
            return Optional.empty();
        }
        Map<String, String> parameters = new HashMap<>();
        int i = 7;
        int n = value.length();
        while (i < n) {
            while (i < n && (Character.isWhitespace(value.charAt(i)) || value.charAt(i) == ',')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int nameStart = i;
            while (i < n && value.charAt(i) != '=' && !Character.isWhitespace(value.charAt(i))) {
                i++;
            }
            String name = value.substring(nameStart, i).toLowerCase(Locale.ROOT);
            while (i < n && Character.isWhitespace(value.charAt(i))) {
                i++;
            }
            if (name.isEmpty() || i >= n || value.charAt(i) != '=') {
                return Optional.empty();
            }
            i++;
            while (i < n && Character.isWhitespace(value.charAt(i))) {
                i++;
            }
            StringBuilder parameterValue = new StringBuilder();
            if (i < n && value.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = value.charAt(i++);
                    if (c == '\\' && i < n) {
                        parameterValue.append(value.charAt(i++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        parameterValue.append(c);
                    }
                }
                if (!closed) {
                    return Optional.empty();
                }
            } else {
                while (i < n && value.charAt(i) != ',' && !Character.isWhitespace(value.charAt(i))) {
                    parameterValue.append(value.charAt(i++));
                }
            }
            if (parameters.putIfAbsent(name, parameterValue.toString()) != null) {
                return Optional.empty();
            }
        }
        return Optional.of(new DigestCredentials(parameters));
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    public String username() {
        return parameters.get("username");
    }

    public String realm() {
        return parameters.get("realm");
    }

    public String nonce() {
        return parameters.get("nonce");
    }

    public String uri() {
        return parameters.get("uri");
    }

    public String response() {
        return parameters.get("response");
    }
}
