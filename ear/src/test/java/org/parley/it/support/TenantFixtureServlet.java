package org.parley.it.support;

import java.io.IOException;
import java.time.ZoneId;
import java.util.UUID;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.parley.access.ApiKeys;
import org.parley.access.Caller;
import org.parley.tenant.Tenant;
import org.parley.tenant.TenantService;
import org.parley.user.Role;

/** POST /it-support/tenant: provisions a fresh tenant and answers "tenantId apiKeySecret" (an ADMIN key). */
@WebServlet("/tenant")
public class TenantFixtureServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    private TenantService tenants;

    @EJB
    private ApiKeys keys;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        Tenant tenant = tenants.provision("it-" + unique, "it-" + unique + ".example", ZoneId.of("Europe/Paris"),
                "admin-" + unique, ("password-" + unique).toCharArray());
        String secret = keys.issue(new Caller(tenant.id(), "it-support", Role.ADMIN), "integration tests", Role.ADMIN)
                .secret();
        response.setContentType("text/plain");
        response.getWriter().print(tenant.id().value() + " " + secret + " admin-" + unique);
    }
}
