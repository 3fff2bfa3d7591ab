package org.parley.sip.call;

import javax.sip.RequestEvent;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;

import org.parley.slee.runtime.Service;
import org.parley.slee.runtime.Slee;

/**
 * The call service: an INVITE outside a dialog starts a {@link CallSbb} entity, a B2BUA call between two extensions.
 * Its convergence name is the caller's Call-ID and From tag, so a CANCEL that reaches Parley before the call has a
 * dialog (RFC 3261 §9.2: it matches the INVITE's transaction, not a dialog) finds the same entity. The registrar
 * service leaves INVITE and CANCEL to this one; the two are deployed together.
 */
public final class CallService {

    public static final String NAME = "call";
    /** Environment entry of the {@link CallSettings}. */
    public static final String SETTINGS = "sip/call/settings";
    /** Environment entry of the {@link CallRecords} port. */
    public static final String RECORDS = "sip/call/records";

    private CallService() {
    }

    public static Service definition() {
        return Service.builder(NAME, CallSbb.class)
                .initialEvent(RequestEvent.class, selector -> {
                    RequestEvent event = (RequestEvent) selector.getEvent();
                    Request request = event.getRequest();
                    String method = request.getMethod();
                    if (event.getDialog() != null
                            || !(Request.INVITE.equals(method) || Request.CANCEL.equals(method))) {
                        selector.setInitialEvent(false);
                        return selector;
                    }
                    String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
                    String fromTag = ((FromHeader) request.getHeader(FromHeader.NAME)).getTag();
                    selector.setCustomName(callId + ";" + fromTag);
                    return selector;
                })
                .build();
    }

    /**
     * Binds the call SBB's environment entries and installs the service. The SLEE must also hold the registrar
     * ({@code sip/registrar}: bindings and digest secrets are shared) and the SIP and media resource adaptors.
     */
    public static void deploy(Slee slee, CallSettings settings, CallRecords records) {
        slee.bindEnvironment(SETTINGS, settings);
        slee.bindEnvironment(RECORDS, records);
        slee.install(definition());
    }
}
