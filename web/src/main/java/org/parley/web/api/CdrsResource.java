package org.parley.web.api;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.ejb.EJB;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.parley.cdr.CallDetailRecord;
import org.parley.cdr.CallDetailRecords;
import org.parley.cdr.LegQuality;

/** Call detail records of finished calls, with each leg's quality figures. */
@Path("cdrs")
@Produces(MediaType.APPLICATION_JSON)
public class CdrsResource {

    @EJB
    private CallDetailRecords records;

    @Context
    private SecurityContext security;

    public record QualityView(long packetsSent, long packetsReceived, long packetsLost, double jitterMs, double mos) {

        static QualityView of(LegQuality q) {
            return new QualityView(q.packetsSent(), q.packetsReceived(), q.packetsLost(), q.jitterMillis(), q.mos());
        }
    }

    /**
     * One CDR on the wire. {@code endReason} is set when Parley ended the call itself (e.g. CALLER_ANSWER_MISSING,
     * ENDPOINT_LOST); a call whose caller leg never had media is FAILED with finalCode 200, the code the caller got.
     */
    public record CdrView(String call, String caller, String callee, Instant startedAt, Instant ringingAt,
            Instant answeredAt, Instant endedAt, double talkSeconds, String disposition, String hangupSide,
            Integer finalCode, String endReason, String codec, QualityView callerLeg, QualityView calleeLeg) {

        static CdrView of(CallDetailRecord r) {
            return new CdrView(r.call(), r.caller(), r.callee(), r.startedAt(), r.ringingAt().orElse(null),
                    r.answeredAt().orElse(null), r.endedAt().orElse(null), r.talkTime().toMillis() / 1000.0,
                    r.disposition().orElse(null), r.hangupSide().orElse(null), r.finalCode().orElse(null),
                    r.endReason().orElse(null), r.codec().orElse(null), r.callerQuality().map(QualityView::of).orElse(null),
                    r.calleeQuality().map(QualityView::of).orElse(null));
        }
    }

    /** CDRs of calls started in {@code [from, to)} (default: the last 24 hours), newest first. */
    @GET
    public Response cdrs(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        Instant end;
        Instant start;
        try {
            end = to == null ? Instant.now() : Instant.parse(to);
            start = from == null ? end.minus(Duration.ofDays(1)) : Instant.parse(from);
        } catch (DateTimeParseException e) {
            return Problem.response(Response.Status.BAD_REQUEST,
                    "from and to must be ISO-8601 instants, e.g. 2026-12-02T00:00:00Z");
        }
        return Response.ok(records.list(ApiKeyAuthentication.caller(security), start, end, limit).stream()
                .map(CdrView::of).toList()).build();
    }

    @GET
    @Path("{call}")
    public CdrView cdr(@PathParam("call") String call) {
        return CdrView.of(records.find(ApiKeyAuthentication.caller(security), call));
    }
}
