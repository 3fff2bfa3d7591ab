package org.parley.slee.ra.sip;

import java.util.concurrent.CompletableFuture;

import javax.sip.RequestEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;
import javax.slee.ActivityContextInterface;

import org.parley.slee.runtime.BaseSbb;

/**
 * An SBB that exercises the adaptor's promises: OPTIONS answered, MESSAGE throws (→ 500 from the adaptor), INFO
 * left unanswered (→ 500 from the adaptor's safety net), REGISTER deferred until the test completes {@link #WORK}.
 */
public abstract class SipProbeSbb extends BaseSbb {

    static volatile CompletableFuture<String> WORK = new CompletableFuture<>();
    /** How the deferred REGISTER's answer went: completed once {@code send} returned, exceptionally if it threw. */
    static volatile CompletableFuture<Void> ANSWERED = new CompletableFuture<>();

    public void onRequestEvent(RequestEvent event, ActivityContextInterface aci) {
        SleeSipProvider sip = context().resourceAdaptor(SipResourceAdaptor.ENTITY_NAME, SleeSipProvider.class);
        switch (event.getRequest().getMethod()) {
            case Request.OPTIONS -> sip.send(event.getServerTransaction(),
                    sip.createResponse(Response.OK, event.getRequest()));
            case Request.MESSAGE -> throw new IllegalStateException("handler failure on purpose");
            case Request.REGISTER -> sip.resumeWhen(event.getServerTransaction(), WORK);
            default -> {
                // left unanswered on purpose
            }
        }
    }

    public void onResumption(Resumption resumption, ActivityContextInterface aci) {
        SleeSipProvider sip = context().resourceAdaptor(SipResourceAdaptor.ENTITY_NAME, SleeSipProvider.class);
        Response response = sip.createResponse(Response.ACCEPTED, resumption.transaction().getRequest());
        try {
            response.setReasonPhrase(String.valueOf(resumption.value()));
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
        CompletableFuture<Void> answered = ANSWERED;
        try {
            sip.send(resumption.transaction(), response);
            answered.complete(null);
        } catch (RuntimeException e) {
            answered.completeExceptionally(e);
            throw e;
        }
    }
}
