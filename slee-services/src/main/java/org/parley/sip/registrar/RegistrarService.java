package org.parley.sip.registrar;

import javax.sip.RequestEvent;
import javax.sip.message.Request;

import org.parley.slee.runtime.ConvergenceVariable;
import org.parley.slee.runtime.Service;

/**
 * The registrar service: every request outside a dialog starts a fresh {@link RegistrarSbb} entity, except INVITE
 * and CANCEL, which are the call service's ({@code org.parley.sip.call.CallService}); the two are deployed together.
 */
public final class RegistrarService {

    public static final String NAME = "registrar";

    private RegistrarService() {
    }

    public static Service definition() {
        return Service.builder(NAME, RegistrarSbb.class)
                .initialEvent(RequestEvent.class, selector -> {
                    RequestEvent event = (RequestEvent) selector.getEvent();
                    String method = event.getRequest().getMethod();
                    if (event.getDialog() != null || Request.INVITE.equals(method) || Request.CANCEL.equals(method)) {
                        selector.setInitialEvent(false);
                    }
                    return selector;
                }, ConvergenceVariable.EVENT)
                .build();
    }
}
