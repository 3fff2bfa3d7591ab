package org.parley.web.api;

import java.security.Principal;

import org.parley.access.Caller;

/** The principal of a request authenticated with an API key. */
record CallerPrincipal(Caller caller) implements Principal {

    @Override
    public String getName() {
        return caller.name();
    }
}
