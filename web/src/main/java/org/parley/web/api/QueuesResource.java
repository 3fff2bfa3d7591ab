package org.parley.web.api;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.parley.acd.AgentId;
import org.parley.acd.Queue;
import org.parley.acd.QueueId;
import org.parley.acd.QueueService;
import org.parley.acd.QueueSettings;
import org.parley.access.Caller;
import org.parley.acd.RoutingService;
import org.parley.acd.routing.skill.RequiredSkill;
import org.parley.web.api.RoutingViews.InteractionDto;
import org.parley.web.api.RoutingViews.QueueLiveDto;
import org.parley.acd.routing.queue.RoutingStrategy;
import org.parley.acd.ServiceLevel;

/**
 * Queues: name, routing strategy, service level (percent in seconds), wrap-up and the further routing policies
 * ({@link QueuePolicyDto}); DELETE disables. Their members
 * ({@code /queues/{id}/members/{agent}}), customers entering them ({@code POST /queues/{id}/interactions}) and the
 * live view ({@code /queues/{id}/live}).
 */
@Path("queues")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class QueuesResource {

    @EJB
    private QueueService queues;

    @EJB
    private RoutingService routing;

    @Context
    private SecurityContext security;

    public record QueueView(long id, String name, RoutingStrategy strategy, int slaPercent, long slaSeconds,
            long wrapUpSeconds, boolean enabled, List<Long> members, QueuePolicyDto policy, long version,
            Instant createdAt) {

        static QueueView of(Queue q) {
            return new QueueView(q.id().value(), q.name(), q.strategy(), q.serviceLevel().percent(),
                    q.serviceLevel().threshold().toSeconds(), q.wrapUp().toSeconds(), q.isEnabled(),
                    q.members().stream().map(AgentId::value).toList(), QueuePolicyDto.of(q.settings()), q.version(),
                    q.createdAt());
        }
    }

    /** A new queue; without {@code policy} (or a field of it) the engine's defaults apply. */
    public record NewQueue(@NotBlank @Size(max = 100) String name, @NotNull RoutingStrategy strategy,
            @NotNull @Min(1) @Max(100) Integer slaPercent, @NotNull @Min(1) @Max(3600) Integer slaSeconds,
            @NotNull @Min(0) @Max(1800) Integer wrapUpSeconds, QueuePolicyDto policy) {
    }

    /**
     * A queue's new configuration. Without {@code policy} the queue keeps its routing policies; with it, the policy
     * replaces them, and a field left out of it takes the engine's default.
     */
    public record QueueChange(@NotNull Long version, @NotBlank @Size(max = 100) String name,
            @NotNull RoutingStrategy strategy, @NotNull @Min(1) @Max(100) Integer slaPercent,
            @NotNull @Min(1) @Max(3600) Integer slaSeconds, @NotNull @Min(0) @Max(1800) Integer wrapUpSeconds,
            @NotNull Boolean enabled, QueuePolicyDto policy) {
    }

    @GET
    public List<QueueView> list() {
        return queues.list(ApiKeyAuthentication.caller(security)).stream().map(QueueView::of).toList();
    }

    @GET
    @Path("{id}")
    public QueueView get(@PathParam("id") long id) {
        return QueueView.of(queues.find(ApiKeyAuthentication.caller(security), new QueueId(id)));
    }

    @POST
    public Response create(@NotNull @Valid NewQueue body) {
        Queue queue = queues.create(ApiKeyAuthentication.caller(security), body.name(), body.strategy(),
                new ServiceLevel(body.slaPercent(), Duration.ofSeconds(body.slaSeconds())),
                Duration.ofSeconds(body.wrapUpSeconds()),
                body.policy() == null ? QueueSettings.defaults() : body.policy().toSettings());
        return Response.created(URI.create("queues/" + queue.id().value())).entity(QueueView.of(queue)).build();
    }

    @PUT
    @Path("{id}")
    public QueueView update(@PathParam("id") long id, @NotNull @Valid QueueChange body) {
        Caller caller = ApiKeyAuthentication.caller(security);
        QueueSettings settings = body.policy() == null ? queues.find(caller, new QueueId(id)).settings()
                : body.policy().toSettings();
        return QueueView.of(queues.update(caller, new QueueId(id), body.version(),
                body.name(), body.strategy(), new ServiceLevel(body.slaPercent(), Duration.ofSeconds(body.slaSeconds())),
                Duration.ofSeconds(body.wrapUpSeconds()), settings, body.enabled()));
    }

    @DELETE
    @Path("{id}")
    public Response disable(@PathParam("id") long id) {
        queues.disable(ApiKeyAuthentication.caller(security), new QueueId(id));
        return Response.noContent().build();
    }

    // ---- members, customers, live view -------------------------------------------------------------------

    /** Makes the agent serve the queue; adding a member twice changes nothing. */
    @PUT
    @Path("{id}/members/{agent}")
    public QueueView addMember(@PathParam("id") long id, @PathParam("agent") long agent) {
        return QueueView.of(queues.addMember(ApiKeyAuthentication.caller(security), new QueueId(id),
                new AgentId(agent)));
    }

    @DELETE
    @Path("{id}/members/{agent}")
    public QueueView removeMember(@PathParam("id") long id, @PathParam("agent") long agent) {
        return QueueView.of(queues.removeMember(ApiKeyAuthentication.caller(security), new QueueId(id),
                new AgentId(agent)));
    }

    @POST
    @Path("{queue}/interactions")
    public Response enqueue(@PathParam("queue") long queue, @NotNull @Valid InteractionsResource.NewInteraction body) {
        List<RequiredSkill> skills = body.requiredSkills() == null ? List.of()
                : body.requiredSkills().stream().map(r -> RequiredSkill.of(r.skill(), r.level())).toList();
        InteractionDto created = InteractionDto.of(routing.enqueue(ApiKeyAuthentication.caller(security),
                new QueueId(queue), body.channel(), body.customer(), body.priority() == null ? 0 : body.priority(),
                skills));
        return Response.created(URI.create("interactions/" + created.id())).entity(created).build();
    }

    /** The live view of every queue the ACD knows, in one read. */
    @GET
    @Path("live")
    public List<QueueLiveDto> liveAll() {
        return routing.liveAll(ApiKeyAuthentication.caller(security)).stream().map(QueueLiveDto::of).toList();
    }

    /** Waiting customers, longest wait, members by state, and today's figures (the same as the report's). */
    @GET
    @Path("{id}/live")
    public QueueLiveDto live(@PathParam("id") long id) {
        return QueueLiveDto.of(routing.live(ApiKeyAuthentication.caller(security), new QueueId(id)));
    }
}
