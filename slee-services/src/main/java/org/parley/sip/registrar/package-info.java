/**
 * The registrar's plain-Java core (RFC 3261 §10): SIP digest authentication against stored HA1 values
 * (RFC 7616 as profiled for SIP by RFC 8760: MD5 and SHA-256, qop=auth) and the binding table of
 * address-of-record to contacts — and the registrar service on the SLEE: {@link org.parley.sip.registrar.RegistrarSbb}
 * turns REGISTER/OPTIONS into what these decide, with credentials from {@link
 * org.parley.sip.registrar.CachedDigestSecrets}, which loads them off the event threads.
 */
package org.parley.sip.registrar;
