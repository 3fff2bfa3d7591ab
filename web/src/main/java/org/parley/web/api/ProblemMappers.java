package org.parley.web.api;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.parley.access.NotPermittedException;
import org.parley.rule.DuplicateEntityException;
import org.parley.rule.RuleViolationException;
import org.parley.rule.StaleVersionException;
import org.parley.rule.StateConflictException;
import org.parley.rule.UnknownEntityException;

/**
 * Each exception that can leave a resource, as an RFC 9457 problem: 400 what cannot be parsed, 422 what breaks a
 * rule (naming the field), 403, 404, 409 duplicates and stale versions. Anything unexpected is 500 with a reference
 * for the log, never its message.
 */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    @Provider
    public static class UnknownEntity implements ExceptionMapper<UnknownEntityException> {
        @Override
        public Response toResponse(UnknownEntityException e) {
            return Problem.response(Response.Status.NOT_FOUND, e.getMessage());
        }
    }

    @Provider
    public static class Duplicate implements ExceptionMapper<DuplicateEntityException> {
        @Override
        public Response toResponse(DuplicateEntityException e) {
            return Problem.response(409, "Conflict", e.getMessage(),
                    List.of(new Problem.FieldError(e.field(), e.getMessage())));
        }
    }

    @Provider
    public static class StateConflict implements ExceptionMapper<StateConflictException> {
        @Override
        public Response toResponse(StateConflictException e) {
            return Problem.response(Response.Status.CONFLICT, e.getMessage());
        }
    }

    @Provider
    public static class Stale implements ExceptionMapper<StaleVersionException> {
        @Override
        public Response toResponse(StaleVersionException e) {
            return Problem.response(Response.Status.CONFLICT, e.getMessage());
        }
    }

    @Provider
    public static class RuleViolation implements ExceptionMapper<RuleViolationException> {
        @Override
        public Response toResponse(RuleViolationException e) {
            return Problem.invalid(e.field(), e.getMessage());
        }
    }

    @Provider
    public static class NotPermitted implements ExceptionMapper<NotPermittedException> {
        @Override
        public Response toResponse(NotPermittedException e) {
            return Problem.response(Response.Status.FORBIDDEN, e.getMessage());
        }
    }

    @Provider
    public static class BeanValidation implements ExceptionMapper<ConstraintViolationException> {
        @Override
        public Response toResponse(ConstraintViolationException e) {
            List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                    .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                    .sorted((a, b) -> a.field().compareTo(b.field()))
                    .toList();
            String detail = errors.isEmpty() ? "the request breaks a rule"
                    : errors.get(0).field() + ": " + errors.get(0).message();
            return Problem.response(422, "Unprocessable Content", detail, errors);
        }

        /** The path of a body property, without the method and parameter prefix ({@code create.arg0.}). */
        private static String field(ConstraintViolation<?> v) {
            StringBuilder field = new StringBuilder();
            for (Path.Node node : v.getPropertyPath()) {
                if (node.getKind() == jakarta.validation.ElementKind.PROPERTY
                        || node.getKind() == jakarta.validation.ElementKind.CONTAINER_ELEMENT) {
                    if (field.length() > 0) {
                        field.append('.');
                    }
                    field.append(node.getName());
                    if (node.getIndex() != null) {
                        field.append('[').append(node.getIndex()).append(']');
                    }
                }
            }
            return field.length() == 0 ? "body" : field.toString();
        }
    }

    @Provider
    public static class Unparseable implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return Problem.response(Response.Status.BAD_REQUEST, "the request body is not valid JSON for this resource");
        }
    }

    @Provider
    public static class UnreadableBody implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            return Problem.response(Response.Status.BAD_REQUEST, "the request body is not valid JSON for this resource");
        }
    }

    @Provider
    public static class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String detail;
            if (e instanceof NotFoundException) {
                detail = "no such resource";
            } else if (e instanceof NotAllowedException) {
                detail = "method not allowed here";
            } else if (status == 400) {
                detail = "the request could not be read";
            } else {
                detail = e.getResponse().getStatusInfo().getReasonPhrase();
            }
            Response.ResponseBuilder b = Response.fromResponse(Problem.response(status,
                    e.getResponse().getStatusInfo().getReasonPhrase(), detail, List.of()));
            return b.build();
        }
    }

    /** Transaction failures arrive wrapped; a lost optimistic-lock race is a 409, not a 500. */
    @Provider
    public static class Ejb implements ExceptionMapper<EJBException> {
        @Override
        public Response toResponse(EJBException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof OptimisticLockException) {
                    return Problem.response(Response.Status.CONFLICT,
                            "someone else changed this at the same time; reload and try again");
                }
            }
            return Unexpected.respond(e);
        }
    }

    @Provider
    public static class Unexpected implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            return respond(e);
        }

        static Response respond(Throwable e) {
            String reference = java.util.UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "unexpected failure, reference " + reference, e);
            return Problem.response(Response.Status.INTERNAL_SERVER_ERROR,
                    "an unexpected error occurred; reference " + reference);
        }
    }
}
