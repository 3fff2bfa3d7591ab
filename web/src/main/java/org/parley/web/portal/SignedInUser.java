package org.parley.web.portal;

import java.io.IOException;
import java.time.ZoneId;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import org.parley.access.Caller;
import org.parley.tenant.Tenant;
import org.parley.tenant.TenantService;
import org.parley.user.Role;
import org.parley.user.UserService;

/**
 * The portal user behind this request, as the {@link Caller} every service call needs. Looked up per request (by
 * {@link SignedInFilter}) rather than kept in the session, so a user who is disabled or demoted loses access with
 * their next click.
 */
@Named
@RequestScoped
public class SignedInUser {

    @EJB
    private UserService users;

    @EJB
    private TenantService tenants;

    private Caller caller;
    private ZoneId timeZone;

    public Caller caller() {
        if (caller == null) {
            ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
            Object resolved = external.getRequestMap().get(SignedInFilter.CALLER);
            caller = resolved instanceof Caller c ? c : users.callerFor(external.getUserPrincipal().getName());
        }
        return caller;
    }

    /** The tenant's time zone: the portal's days and times are the ones on the contact center's wall clock. */
    public ZoneId timeZone() {
        if (timeZone == null) {
            timeZone = tenants.find(caller().tenant()).map(Tenant::timeZone).orElseThrow(
                    () -> new IllegalStateException("the signed-in user's tenant " + caller().tenant().value()
                            + " does not exist"));
        }
        return timeZone;
    }

    public String getName() {
        return caller().name();
    }

    public boolean isAdmin() {
        return caller().role() == Role.ADMIN;
    }

    /** Ends the login and the session (a POST from the layout's form, never a link a third party could trigger). */
    public void logout() throws IOException, ServletException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        ((HttpServletRequest) external.getRequest()).logout();
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + "/login.xhtml");
        faces.responseComplete();
    }
}
