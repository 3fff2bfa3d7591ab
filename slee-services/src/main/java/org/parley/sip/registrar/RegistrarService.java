package org.parley.sip.registrar;

import javax.sip.RequestEvent;

import org.parley.slee.runtime.ConvergenceVariable;
import org.parley.slee.runtime.Service;

/** The registrar service: every request outside a dialog starts a fresh {@link RegistrarSbb} entity. */
public final class RegistrarService {

    public static final String NAME = "registrar";

    private RegistrarService() {
    }

    public static Service definition() {
        return Service.builder(NAME, RegistrarSbb.class)
                .initialEvent(RequestEvent.class, selector -> {
                    if (((RequestEvent) selector.getEvent()).getDialog() != null) {
                        selector.setInitialEvent(false);
                    }
                    return selector;
                }, ConvergenceVariable.EVENT)
                .build();
    }
}
