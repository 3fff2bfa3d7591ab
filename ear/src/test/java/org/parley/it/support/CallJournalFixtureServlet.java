package org.parley.it.support;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.parley.cdr.CallJournal;
import org.parley.cdr.CallOutcome;
import org.parley.cdr.LegQuality;

/**
 * POST /it-support/call?domain=D&amp;call=C&amp;step=started|ringing|answered|ended&amp;at=ISO: reports a call step
 * through the real {@link CallJournal}, as call control does, so a test can follow it to the CDR. An ended step
 * carries fixed quality figures (caller leg 500 sent / 498 received / 2 lost, callee leg 498 / 500 / 0), disposition
 * ANSWERED unless {@code disposition=} says otherwise, and the {@code reason=} Parley ended the call for, if given.
 */
@WebServlet("/call")
public class CallJournalFixtureServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    private CallJournal journal;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String domain = request.getParameter("domain");
        String call = request.getParameter("call");
        Instant at = Instant.parse(request.getParameter("at"));
        switch (request.getParameter("step")) {
            case "started" -> journal.started(domain, call, "1001", "1002", at);
            case "ringing" -> journal.ringing(domain, call, at);
            case "answered" -> journal.answered(domain, call, at);
            case "ended" -> journal.ended(domain, call, at, new CallOutcome(
                    Optional.ofNullable(request.getParameter("disposition")).orElse("ANSWERED"),
                    request.getParameter("reason") == null ? "CALLER" : "SYSTEM", 200, Optional.of("PCMU"),
                    Optional.of(new LegQuality(500, 498, 2, 3.5, 4.3)),
                    Optional.of(new LegQuality(498, 500, 0, 1.25, 4.4)),
                    Optional.ofNullable(request.getParameter("reason"))));
            default -> {
                response.sendError(400, "unknown step");
                return;
            }
        }
        response.setStatus(204);
    }
}
