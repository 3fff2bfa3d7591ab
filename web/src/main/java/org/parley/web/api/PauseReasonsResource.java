package org.parley.web.api;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.parley.acd.PauseCode;
import org.parley.acd.PauseReasons;
import org.parley.acd.PauseReasons.Choice;

/**
 * The tenant's pause reasons, in order: {@code GET} for everyone in the tenant (a desktop offers them when the agent
 * pauses), {@code PUT} the whole list for admins. An empty list accepts any code.
 */
@Path("pause-reasons")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PauseReasonsResource {

    @EJB
    private PauseReasons reasons;

    @Context
    private SecurityContext security;

    public record PauseReasonView(@NotBlank @Size(max = PauseCode.MAX_CODE_LENGTH) String code,
            @Size(max = PauseCode.MAX_LABEL_LENGTH) String label) {
    }

    @GET
    public List<PauseReasonView> list() {
        return views(reasons.list(ApiKeyAuthentication.caller(security)));
    }

    @PUT
    public List<PauseReasonView> replace(@NotNull List<@Valid @NotNull PauseReasonView> body) {
        return views(reasons.replace(ApiKeyAuthentication.caller(security),
                body.stream().map(r -> new Choice(r.code(), r.label())).toList()));
    }

    private static List<PauseReasonView> views(List<Choice> choices) {
        return choices.stream().map(c -> new PauseReasonView(c.code(), c.label())).toList();
    }
}
