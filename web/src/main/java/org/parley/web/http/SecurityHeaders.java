package org.parley.web.http;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The browser-side defences every response gets. Set before the chain runs so they are present however the response
 * ends (a page, a redirect, an error); also on forwards, because the login page is a forward from the protected
 * page the browser asked for, and on error pages. The portal renders no inline script and no inline style, so the policy
 * allows only Parley's own origin for both; pages must keep it that way (no {@code f:ajax}, {@code h:commandLink}
 * or {@code onclick}: Faces renders those as inline JavaScript).
 */
@WebFilter(filterName = "SecurityHeaders", urlPatterns = "/*", asyncSupported = true,
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ERROR})
public class SecurityHeaders extends HttpFilter {

    private static final long serialVersionUID = 1L;

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    /** One year, the figure browsers' preload lists ask for; no includeSubDomains, as Parley may share a domain. */
    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.isSecure()) {
            // RFC 6797 §7.2: sent over plain HTTP the header is ignored, and it would wrongly promise HTTPS.
            response.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        if (isPage(request)) {
            // Portal pages show configuration and, once, new API key secrets: nothing for a shared cache or the
            // back button to keep.
            response.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }

    private static boolean isPage(HttpServletRequest request) {
        String path = request.getServletPath();
        return path.startsWith("/portal/") || path.startsWith("/login");
    }
}
