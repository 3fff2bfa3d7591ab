package org.parley.sip.registrar;

/**
 * The address-of-record form Parley keys bindings and calls by: {@code sip:<extension>@<tenant SIP domain>}. One
 * place builds it and takes it apart.
 */
public final class AddressOfRecord {

    private AddressOfRecord() {
    }

    public static String of(String user, String domain) {
        return "sip:" + user + "@" + domain;
    }

    /** {@code sip:1001@acme.example} → {@code 1001}; a URI without a user part gives "". */
    public static String user(String aor) {
        String rest = aor.substring(aor.indexOf(':') + 1);
        int at = rest.indexOf('@');
        return at < 0 ? "" : rest.substring(0, at);
    }

    /** {@code sip:1001@acme.example;transport=udp} → {@code acme.example} (no port, no parameters). */
    public static String domain(String aor) {
        String rest = aor.substring(aor.indexOf(':') + 1);
        String host = rest.substring(rest.indexOf('@') + 1);
        for (int i = 0; i < host.length(); i++) {
            if (";>:?".indexOf(host.charAt(i)) >= 0) {
                return host.substring(0, i);
            }
        }
        return host;
    }
}
