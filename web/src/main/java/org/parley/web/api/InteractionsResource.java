package org.parley.web.api;

import java.net.URI;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.parley.acd.RoutingService;
import org.parley.acd.routing.interaction.Channel;
import org.parley.web.api.RoutingViews.InteractionDto;

/**
 * Customers in queues (they enter with {@code POST /queues/{id}/interactions}): where one stands ({@code GET}: status,
 * position, estimated wait, every offer with its explanation), the customer leaving ({@code DELETE}), asking for a
 * callback, and the end of the conversation ({@code POST .../complete}). Used by the telephony and chat channels and
 * by tests.
 */
@Path("interactions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InteractionsResource {

    @EJB
    private RoutingService routing;

    @Context
    private SecurityContext security;

    /** A skill the customer needs, with the lowest level that is good enough. */
    public record Requirement(@NotBlank @Size(max = 64) String skill, @NotNull @Min(1) @Max(10) Integer level) {
    }

    public record NewInteraction(@NotNull Channel channel, @NotBlank @Size(max = 128) String customer,
            @Min(0) @Max(100) Integer priority, List<@Valid @NotNull Requirement> requiredSkills) {
    }

    public record CallbackRequest(@NotBlank @Size(max = 64) String number) {
    }

    @GET
    @Path("{id}")
    public InteractionDto get(@PathParam("id") String id) {
        return InteractionDto.of(routing.interaction(ApiKeyAuthentication.caller(security), id));
    }

    /** The customer left: an abandon while waiting or ringing, the end of the conversation once connected. */
    @DELETE
    @Path("{id}")
    public InteractionDto customerLeft(@PathParam("id") String id) {
        return InteractionDto.of(routing.customerLeft(ApiKeyAuthentication.caller(security), id));
    }

    @POST
    @Path("{id}/callback")
    public Response callback(@PathParam("id") String id, @NotNull @Valid CallbackRequest body) {
        InteractionDto callback = InteractionDto.of(routing.requestCallback(ApiKeyAuthentication.caller(security),
                id, body.number()));
        return Response.created(URI.create("interactions/" + callback.id())).entity(callback).build();
    }

    @POST
    @Path("{id}/complete")
    public InteractionDto complete(@PathParam("id") String id) {
        return InteractionDto.of(routing.complete(ApiKeyAuthentication.caller(security), id));
    }
}
