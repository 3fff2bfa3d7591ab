package org.parley.sip.registrar;

/** The request-digest of RFC 7616 §3.4.1 for qop=auth, computed from a stored HA1. */
public final class DigestResponse {

    private DigestResponse() {
    }

    /** KD(HA1, nonce ":" nc ":" cnonce ":" qop ":" H(method ":" uri)). */
    public static String compute(Ha1 ha1, String nonce, String nc, String cnonce, String qop, String method,
                                 String uri) {
        DigestAlgorithm algorithm = ha1.algorithm();
        String ha2 = algorithm.hash(method + ":" + uri);
        return algorithm.hash(ha1.hex() + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }
}
