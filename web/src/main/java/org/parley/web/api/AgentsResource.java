package org.parley.web.api;

import org.parley.web.api.RoutingViews.OfferDto;
import org.parley.web.api.RoutingViews.AgentStateView;
import org.parley.acd.RoutingService.AgentCommand;
import org.parley.acd.RoutingService;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.ejb.EJB;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.parley.acd.Agent;
import org.parley.acd.AgentId;
import org.parley.access.Caller;
import org.parley.acd.AgentService;
import org.parley.acd.ChannelLimits;
import org.parley.acd.Skill;

/**
 * Agents: extension, SIP password (write-only), skills, channel capacity. DELETE disables; history keeps the agent. Their routing
 * state ({@code /agents/{id}/state}: log in, ready, pause with a reason code, log out; a step the state does not
 * allow is 409 naming the state) and what rings at them ({@code /agents/{id}/offer}).
 */
@Path("agents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentsResource {

    @EJB
    private AgentService agents;

    @EJB
    private RoutingService routing;

    @Context
    private SecurityContext security;

    public record SkillView(@NotBlank String name, @NotNull @Min(1) @Max(10) Integer level) {
    }

    /**
     * How many interactions of each channel the agent may have open at once (voice 0-1, chat 0-20, callback 0-1); a
     * limit left out takes the default (1, 3, 1).
     */
    public record CapacityView(Integer voice, Integer chat, Integer callback) {

        static CapacityView of(ChannelLimits c) {
            return new CapacityView(c.voice(), c.chat(), c.callback());
        }

        ChannelLimits toLimits() {
            ChannelLimits d = ChannelLimits.standard();
            return new ChannelLimits(voice == null ? d.voice() : voice, chat == null ? d.chat() : chat,
                    callback == null ? d.callback() : callback);
        }
    }

    /** The SIP password is never returned; {@code sipPasswordSet} says whether the phone can register. */
    public record AgentView(long id, String extension, String displayName, List<SkillView> skills,
            CapacityView capacity, boolean enabled, boolean sipPasswordSet, long version, Instant createdAt) {

        static AgentView of(Agent a) {
            return new AgentView(a.id().value(), a.extension(), a.displayName(),
                    a.skills().stream().map(s -> new SkillView(s.name(), s.level())).toList(),
                    CapacityView.of(a.capacity()), a.isEnabled(), a.hasSipCredentials(), a.version(), a.createdAt());
        }
    }

    public record NewAgent(
            @NotBlank @Pattern(regexp = "[0-9]{2,16}", message = "must be 2 to 16 digits") String extension,
            @NotBlank @Size(max = 200) String displayName,
            @Size(min = Agent.MIN_SIP_PASSWORD_LENGTH, max = 128) String sipPassword,
            List<@Valid @NotNull SkillView> skills, CapacityView capacity) {
    }

    public record AgentChange(
            @NotNull Long version,
            @NotBlank @Pattern(regexp = "[0-9]{2,16}", message = "must be 2 to 16 digits") String extension,
            @NotBlank @Size(max = 200) String displayName,
            @Size(min = Agent.MIN_SIP_PASSWORD_LENGTH, max = 128) String sipPassword,
            List<@Valid @NotNull SkillView> skills,
            @NotNull Boolean enabled, CapacityView capacity) {
    }

    @GET
    public List<AgentView> list() {
        return agents.list(ApiKeyAuthentication.caller(security)).stream().map(AgentView::of).toList();
    }

    @GET
    @Path("{id}")
    public AgentView get(@PathParam("id") long id) {
        return AgentView.of(agents.find(ApiKeyAuthentication.caller(security), new AgentId(id)));
    }

    @POST
    public Response create(@NotNull @Valid NewAgent body) {
        Agent agent = agents.create(ApiKeyAuthentication.caller(security), body.extension(), body.displayName(),
                password(body.sipPassword()), skills(body.skills()),
                body.capacity() == null ? ChannelLimits.standard() : body.capacity().toLimits());
        return Response.created(URI.create("agents/" + agent.id().value())).entity(AgentView.of(agent)).build();
    }

    @PUT
    @Path("{id}")
    public AgentView update(@PathParam("id") long id, @NotNull @Valid AgentChange body) {
        Caller caller = ApiKeyAuthentication.caller(security);
        // Without a capacity the agent keeps theirs.
        ChannelLimits capacity = body.capacity() == null ? agents.find(caller, new AgentId(id)).capacity()
                : body.capacity().toLimits();
        return AgentView.of(agents.update(caller, new AgentId(id), body.version(),
                body.extension(), body.displayName(), password(body.sipPassword()), skills(body.skills()), capacity,
                body.enabled()));
    }

    @DELETE
    @Path("{id}")
    public Response disable(@PathParam("id") long id) {
        agents.disable(ApiKeyAuthentication.caller(security), new AgentId(id));
        return Response.noContent().build();
    }

    private static Optional<char[]> password(String password) {
        return Optional.ofNullable(password).map(String::toCharArray);
    }

    private static List<Skill> skills(List<SkillView> skills) {
        return skills == null ? List.of() : skills.stream().map(s -> new Skill(s.name(), s.level())).toList();
    }

    // ---- routing state ---------------------------------------------------------------------------------

    /** {@code action}: LOG_IN, READY, PAUSE (with {@code reason}) or LOG_OUT. */
    public record StateChange(@NotNull AgentCommand action, @Size(max = 64) String reason) {
    }

    @GET
    @Path("{id}/state")
    public AgentStateView state(@PathParam("id") long id) {
        return AgentStateView.of(routing.agentStatus(ApiKeyAuthentication.caller(security), new AgentId(id)));
    }

    @POST
    @Path("{id}/state")
    public AgentStateView change(@PathParam("id") long id, @NotNull @Valid StateChange body) {
        return AgentStateView.of(routing.changeAgentState(ApiKeyAuthentication.caller(security), new AgentId(id),
                body.action(), Optional.ofNullable(body.reason())));
    }

    /** The offer ringing at the agent now; 204 when nothing rings. */
    @GET
    @Path("{id}/offer")
    public Response ringing(@PathParam("id") long id) {
        return routing.ringingOffer(ApiKeyAuthentication.caller(security), new AgentId(id))
                .map(o -> Response.ok(OfferDto.of(o)).build())
                .orElseGet(() -> Response.noContent().build());
    }
}
