package org.parley.web.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import jakarta.ejb.EJB;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
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

import org.parley.user.Role;
import org.parley.user.User;
import org.parley.user.UserId;
import org.parley.user.UserService;

/**
 * Users who log in to the portal. Passwords are write-only. DELETE disables. {@code agentId} binds a person to the
 * agent they are: their login then changes that agent's state and answers its offers (and no one else's).
 */
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    @EJB
    private UserService users;

    @Context
    private SecurityContext security;

    public record UserView(long id, String username, String displayName, String email, Role role, Long agentId,
            boolean enabled, long version, Instant createdAt) {

        static UserView of(User u) {
            return new UserView(u.id().value(), u.username(), u.displayName(), u.email(), u.role(),
                    u.agent().isPresent() ? u.agent().getAsLong() : null, u.isEnabled(), u.version(), u.createdAt());
        }
    }

    public record NewUser(@NotBlank @Size(max = 100) String username, @NotBlank @Size(max = 200) String displayName,
            @Email @Size(max = 254) String email, @NotNull Role role, @Positive Long agentId,
            @NotNull @Size(min = 12, max = 128) String password) {
    }

    public record UserChange(@NotNull Long version, @NotBlank @Size(max = 200) String displayName,
            @Email @Size(max = 254) String email, @NotNull Role role, @Positive Long agentId,
            @Size(min = 12, max = 128) String password, @NotNull Boolean enabled) {
    }

    static OptionalLong agent(Long agentId) {
        return agentId == null ? OptionalLong.empty() : OptionalLong.of(agentId);
    }

    @GET
    public List<UserView> list() {
        return users.list(ApiKeyAuthentication.caller(security)).stream().map(UserView::of).toList();
    }

    @GET
    @Path("{id}")
    public UserView get(@PathParam("id") long id) {
        return UserView.of(users.find(ApiKeyAuthentication.caller(security), new UserId(id)));
    }

    @POST
    public Response create(@NotNull @Valid NewUser body) {
        User user = users.create(ApiKeyAuthentication.caller(security), body.username(), body.displayName(),
                body.email(), body.role(), agent(body.agentId()), body.password().toCharArray());
        return Response.created(URI.create("users/" + user.id().value())).entity(UserView.of(user)).build();
    }

    @PUT
    @Path("{id}")
    public UserView update(@PathParam("id") long id, @NotNull @Valid UserChange body) {
        return UserView.of(users.update(ApiKeyAuthentication.caller(security), new UserId(id), body.version(),
                body.displayName(), body.email(), body.role(), agent(body.agentId()),
                body.password() == null ? null : body.password().toCharArray(), body.enabled()));
    }

    @DELETE
    @Path("{id}")
    public Response disable(@PathParam("id") long id) {
        users.disable(ApiKeyAuthentication.caller(security), new UserId(id));
        return Response.noContent().build();
    }
}
