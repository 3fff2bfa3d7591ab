package org.parley.web.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.parley.access.ApiKey;
import org.parley.access.ApiKeyId;
import org.parley.access.ApiKeys;
import org.parley.user.Role;

/**
 * API keys, for admins: issue (the secret is in the 201 response only, never again), list, revoke. A key with role
 * AGENT names the agent it speaks for ({@code agentId}): an agent desktop or CTI client with it changes that agent's
 * state and answers that agent's offers, and nobody else's.
 */
@Path("api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiKeysResource {

    @EJB
    private ApiKeys keys;

    @Context
    private SecurityContext security;

    public record ApiKeyView(long id, String name, String prefix, Role role, Long agentId, String createdBy,
            Instant createdAt, Instant revokedAt, boolean active) {

        static ApiKeyView of(ApiKey k) {
            return new ApiKeyView(k.id().value(), k.name(), k.prefix(), k.role(),
                    k.agent().isPresent() ? k.agent().getAsLong() : null, k.createdBy(), k.createdAt(),
                    k.revokedAt().orElse(null), k.isActive());
        }
    }

    /** The issued key with its secret: the only time the secret is shown. */
    public record IssuedKey(ApiKeyView key, String secret) {
    }

    public record NewKey(@NotBlank @Size(max = 100) String name, @NotNull Role role, @Positive Long agentId) {
    }

    @GET
    public List<ApiKeyView> list() {
        return keys.list(ApiKeyAuthentication.caller(security)).stream().map(ApiKeyView::of).toList();
    }

    @POST
    public Response issue(@NotNull @Valid NewKey body) {
        ApiKey.Issued issued = keys.issue(ApiKeyAuthentication.caller(security), body.name(), body.role(),
                UsersResource.agent(body.agentId()));
        CacheControl never = new CacheControl();
        never.setNoStore(true);
        return Response.created(URI.create("api-keys/" + issued.key().id().value()))
                .entity(new IssuedKey(ApiKeyView.of(issued.key()), issued.secret())).cacheControl(never).build();
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") long id) {
        keys.revoke(ApiKeyAuthentication.caller(security), new ApiKeyId(id));
        return Response.noContent().build();
    }
}
