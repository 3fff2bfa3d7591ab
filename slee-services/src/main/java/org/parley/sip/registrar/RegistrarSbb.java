package org.parley.sip.registrar;

import java.text.ParseException;
import java.util.ArrayList;
import java.time.Instant;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;

import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import javax.slee.ActivityContextInterface;

import gov.nist.javax.sip.message.SIPRequest;

import org.parley.slee.ra.sip.Resumption;
import org.parley.slee.ra.sip.SipResourceAdaptor;
import org.parley.slee.ra.sip.SleeSipProvider;
import org.parley.slee.runtime.BaseSbb;

/**
 * Answers requests outside a dialog that no call service takes: REGISTER (RFC 3261 §10.3, digest-authenticated),
 * OPTIONS (keep-alives from phones and load balancers), SUBSCRIBE with 489 (no event package is served), and the
 * rest with 405 or 501 and {@code Allow}. One entity
 * per request; it holds no state of its own (the bindings and nonces are the {@link Registrar}'s), so it leaves as
 * soon as the request is answered.
 */
public abstract class RegistrarSbb extends BaseSbb {

    /** What Parley serves today: INVITE, CANCEL and the in-dialog requests are the call service's. */
    static final List<String> ALLOWED = List.of(Request.REGISTER, Request.OPTIONS, Request.INVITE, Request.ACK,
            Request.CANCEL, Request.BYE);

    /** Methods of RFC 3261 and its extensions that Parley recognises: these get 405, anything else 501. */
    private static final Set<String> KNOWN = Set.of(Request.INVITE, Request.ACK, Request.BYE, Request.CANCEL,
            Request.OPTIONS, Request.REGISTER, Request.PRACK, Request.SUBSCRIBE, Request.NOTIFY, Request.PUBLISH,
            Request.INFO, Request.REFER, Request.MESSAGE, Request.UPDATE);

    public void onRequestEvent(RequestEvent event, ActivityContextInterface aci) {
        ServerTransaction transaction = event.getServerTransaction();
        Request request = event.getRequest();
        switch (request.getMethod()) {
            case Request.ACK -> aci.detach(self());
            case Request.REGISTER -> register(transaction, request, aci);
            case Request.OPTIONS -> answer(transaction, withAllow(response(Response.OK, request)), aci);
            // RFC 6665 §8.2.1: Parley serves no event package yet, so every subscription is to an unknown one.
            case Request.SUBSCRIBE -> answer(transaction, response(Response.BAD_EVENT, request), aci);
            // Outside a dialog there is nothing for these to end or cancel (RFC 3261 §15.1.2, §9.2).
            case Request.BYE, Request.CANCEL ->
                    answer(transaction, response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request), aci);
            default -> answer(transaction, withAllow(response(KNOWN.contains(request.getMethod())
                    ? Response.METHOD_NOT_ALLOWED : Response.NOT_IMPLEMENTED, request)), aci);
        }
    }

    /** The credentials a REGISTER needed are loaded (or could not be): carry on with the request. */
    public void onResumption(Resumption resumption, ActivityContextInterface aci) {
        Request request = resumption.transaction().getRequest();
        if (resumption.failed()) {
            Response response = response(Response.SERVICE_UNAVAILABLE, request);
            response.addHeader(header(factory -> factory.createRetryAfterHeader(5)));
            answer(resumption.transaction(), response, aci);
            return;
        }
        register(resumption.transaction(), request, aci);
    }

    private void register(ServerTransaction transaction, Request request, ActivityContextInterface aci) {
        Registrar registrar = context().environment(Registrar.ENVIRONMENT_NAME, Registrar.class);
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        URI toUri = to.getAddress().getURI();
        if (!(toUri instanceof SipURI sipUri) || sipUri.getUser() == null || sipUri.getUser().isEmpty()) {
            answer(transaction, response(Response.BAD_REQUEST, request, "To is not a SIP address-of-record"), aci);
            return;
        }
        String user = sipUri.getUser();
        String realm = sipUri.getHost().toLowerCase(Locale.ROOT);
        RequestAuthentication.Outcome outcome = RequestAuthentication.check(registrar, request, realm,
                RequestAuthentication.Challenger.REGISTRAR);
        if (outcome instanceof RequestAuthentication.Outcome.Challenge challenge) {
            answer(transaction, RequestAuthentication.challenge(registrar, provider(), request, realm,
                    challenge.stale(), RequestAuthentication.Challenger.REGISTRAR), aci);
        } else if (outcome instanceof RequestAuthentication.Outcome.Lookup lookup) {
            provider().resumeWhen(transaction, lookup.loading());
        } else if (outcome instanceof RequestAuthentication.Outcome.Malformed malformed) {
            answer(transaction, response(Response.BAD_REQUEST, request, malformed.reason()), aci);
        } else if (outcome instanceof RequestAuthentication.Outcome.ShutOut shutOut) {
            answer(transaction, RequestAuthentication.shutOut(provider(), request, shutOut.retryAfter()), aci);
        } else if (!((RequestAuthentication.Outcome.Authenticated) outcome).username().equals(user)) {
            answer(transaction, response(Response.FORBIDDEN, request,
                    "Credentials do not cover this address-of-record"), aci);
        } else {
            bind(registrar, transaction, request, AddressOfRecord.of(user, realm), aci);
        }
    }

    /** RFC 3261 §10.3 steps 6–8 once the request is authenticated. */
    private void bind(Registrar registrar, ServerTransaction transaction, Request request, String addressOfRecord,
                      ActivityContextInterface aci) {
        Optional<RegisterRequest> parsed = registerRequest(request, addressOfRecord);
        if (parsed.isEmpty()) {
            answer(transaction, response(Response.BAD_REQUEST, request, "A wildcard Contact must stand alone"), aci);
            return;
        }
        RegisterOutcome outcome = registrar.bindings().register(source(request).map(parsed.get()::from)
                .orElse(parsed.get()));
        if (outcome instanceof RegisterOutcome.Bound bound) {
            Response response = response(Response.OK, request);
            Instant now = context().clock().instant();
            for (Binding binding : bound.bindings()) {
                ContactHeader contact = header(factory -> factory.createContactHeader(
                        provider().addressFactory().createAddress(binding.contact())));
                setExpires(contact, binding.remainingSeconds(now));
                response.addHeader(contact);
            }
            GregorianCalendar date = new GregorianCalendar(TimeZone.getTimeZone("GMT"), Locale.ROOT);
            date.setTimeInMillis(now.toEpochMilli());
            response.addHeader(provider().headerFactory().createDateHeader(date));
            answer(transaction, response, aci);
        } else if (outcome instanceof RegisterOutcome.IntervalTooBrief brief) {
            Response response = response(Response.INTERVAL_TOO_BRIEF, request);
            response.addHeader(header(factory -> factory.createMinExpiresHeader((int) brief.minExpires().toSeconds())));
            answer(transaction, response, aci);
        } else if (outcome instanceof RegisterOutcome.Invalid invalid) {
            answer(transaction, response(Response.BAD_REQUEST, request, invalid.reason()), aci);
        } else {
            answer(transaction, response(Response.BAD_REQUEST, request, "Out-of-order REGISTER"), aci);
        }
    }

    /**
     * Where the REGISTER came from ({@code host:port}), for phones behind NAT (RFC 3581): requests for the binding
     * go there, the address the NAT maps back to the phone. Only UDP: a TCP phone is reached over its own connection.
     */
    private static Optional<String> source(Request request) {
        if (request instanceof SIPRequest sip && sip.getRemoteAddress() != null && sip.getRemotePort() > 0
                && "UDP".equalsIgnoreCase(((ViaHeader) request.getHeader(ViaHeader.NAME)).getTransport())) {
            String host = sip.getRemoteAddress().getHostAddress();
            return Optional.of((host.contains(":") ? "[" + host + "]" : host) + ":" + sip.getRemotePort());
        }
        return Optional.empty();
    }

    /** Empty when a wildcard comes with other contacts (RFC 3261 §10.3 step 6 makes that a 400). */
    private static Optional<RegisterRequest> registerRequest(Request request, String addressOfRecord) {
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        long cseq = ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
        ExpiresHeader expiresHeader = request.getExpires();
        Long expires = expiresHeader == null ? null : (long) expiresHeader.getExpires();
        List<RegisterRequest.Contact> contacts = new ArrayList<>();
        boolean wildcard = false;
        ListIterator<?> headers = request.getHeaders(ContactHeader.NAME);
        while (headers.hasNext()) {
            ContactHeader contact = (ContactHeader) headers.next();
            if (contact.isWildCard()) {
                wildcard = true;
            } else {
                int contactExpires = contact.getExpires();
                contacts.add(new RegisterRequest.Contact(contact.getAddress().getURI().toString(),
                        contactExpires < 0 ? null : (long) contactExpires));
            }
        }
        if (wildcard && !contacts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(wildcard ? RegisterRequest.wildcard(addressOfRecord, callId, cseq, expires)
                : new RegisterRequest(addressOfRecord, callId, cseq, contacts, false, expires));
    }

    private Response withAllow(Response response) {
        for (String method : ALLOWED) {
            response.addHeader(header(factory -> factory.createAllowHeader(method)));
        }
        return response;
    }

    private Response response(int statusCode, Request request) {
        return provider().createResponse(statusCode, request);
    }

    private Response response(int statusCode, Request request, String reason) {
        Response response = response(statusCode, request);
        try {
            response.setReasonPhrase(reason);
        } catch (ParseException e) {
            throw new IllegalArgumentException("reason phrase " + reason, e);
        }
        return response;
    }

    /** Sends the final answer; the entity then has nothing left to do, so it leaves the activity (and is removed). */
    private void answer(ServerTransaction transaction, Response response, ActivityContextInterface aci) {
        provider().send(transaction, response);
        aci.detach(self());
    }

    private SleeSipProvider provider() {
        return context().resourceAdaptor(SipResourceAdaptor.ENTITY_NAME, SleeSipProvider.class);
    }

    private static void setExpires(ContactHeader contact, long seconds) {
        try {
            contact.setExpires((int) Math.min(Integer.MAX_VALUE, seconds));
        } catch (InvalidArgumentException e) {
            throw new IllegalArgumentException("expires " + seconds, e);
        }
    }

    private <H extends Header> H header(HeaderBuilder<H> builder) {
        try {
            return builder.build(provider().headerFactory());
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalArgumentException("cannot build a header", e);
        }
    }

    @FunctionalInterface
    private interface HeaderBuilder<H extends Header> {
        H build(HeaderFactory factory) throws ParseException, InvalidArgumentException;
    }
}
