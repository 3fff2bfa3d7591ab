package org.parley.web.api;

import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.parley.rule.TemporarilyUnavailableException;

/** 503 with {@code Retry-After} (RFC 9110 §10.2.3) and the reason, as an RFC 9457 problem. */
@Provider
public class TemporarilyUnavailableMapper implements ExceptionMapper<TemporarilyUnavailableException> {

    @Override
    public Response toResponse(TemporarilyUnavailableException e) {
        Response problem = Problem.response(503, "Service Unavailable", e.getMessage(), List.of());
        return Response.fromResponse(problem)
                .header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds()))).build();
    }
}
