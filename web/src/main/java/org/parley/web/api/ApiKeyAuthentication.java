package org.parley.web.api;

import java.security.Principal;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

import org.parley.access.ApiKeys;
import org.parley.access.Caller;

/**
 * Every request but {@link Public} ones must carry a live API key ({@code Authorization: Bearer pk_…}); the key's
 * tenant and role become the request's {@link Caller}. A missing or wrong key gets 401 with no hint which.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyAuthentication implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    @EJB
    private ApiKeys keys;

    @Context
    private ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        if (isPublic()) {
            return;
        }
        Optional<Caller> caller = secret(request).flatMap(keys::authenticate);
        if (caller.isEmpty()) {
            request.abortWith(Response.fromResponse(Problem.response(Response.Status.UNAUTHORIZED,
                    "a valid API key is required: 'Authorization: Bearer pk_…'"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"parley\"").build());
            return;
        }
        boolean secure = request.getSecurityContext().isSecure();
        CallerPrincipal principal = new CallerPrincipal(caller.get());
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return principal.caller().role().name().equals(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }

    private boolean isPublic() {
        if (resource == null || resource.getResourceClass() == null) {
            return false;
        }
        return resource.getResourceClass().isAnnotationPresent(Public.class)
                || (resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(Public.class));
    }

    private static Optional<String> secret(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(header.substring(BEARER.length()).strip());
        }
        return Optional.empty();
    }

    /** The caller of an authenticated request (resources are never reached without one). */
    static Caller caller(SecurityContext context) {
        return ((CallerPrincipal) context.getUserPrincipal()).caller();
    }
}
