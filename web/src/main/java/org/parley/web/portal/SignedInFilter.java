package org.parley.web.portal;

import java.io.IOException;

import jakarta.ejb.EJB;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.parley.access.NotPermittedException;
import org.parley.user.UserService;

/**
 * Resolves the signed-in portal user once per request. A user disabled since signing in is signed out and sent to
 * the login page instead of meeting an error on their next click: the container's authenticated session can
 * outlive the account (Elytron does not always re-read a cached identity from the realm), so the account is checked
 * on every request.
 */
@WebFilter("/portal/*")
public class SignedInFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String CALLER = SignedInFilter.class.getName() + ".caller";

    @EJB
    private UserService users;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String name = request.getRemoteUser();
        if (name != null) {
            try {
                request.setAttribute(CALLER, users.callerFor(name));
            } catch (NotPermittedException e) {
                request.logout();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                response.sendRedirect(request.getContextPath() + "/login.xhtml");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
