package org.parley.web.api;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.parley.acd.RoutingService;
import org.parley.web.api.RoutingViews.OfferDto;

/** Offers: the decision explanation, and the agent's answer (accept or decline) while it rings. */
@Path("offers/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class OffersResource {

    @EJB
    private RoutingService routing;

    @Context
    private SecurityContext security;

    @GET
    public OfferDto get(@PathParam("id") String id) {
        return OfferDto.of(routing.offer(ApiKeyAuthentication.caller(security), id));
    }

    @POST
    @Path("accept")
    public OfferDto accept(@PathParam("id") String id) {
        return OfferDto.of(routing.accept(ApiKeyAuthentication.caller(security), id));
    }

    @POST
    @Path("decline")
    public OfferDto decline(@PathParam("id") String id) {
        return OfferDto.of(routing.decline(ApiKeyAuthentication.caller(security), id));
    }
}
