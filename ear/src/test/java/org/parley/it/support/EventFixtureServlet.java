package org.parley.it.support;

import java.io.IOException;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * POST /it-support/events?copies=N with an event's JSON as the body: publishes the same event N times on the events
 * topic, as a broker does when an acknowledgement is lost and it delivers again.
 */
@WebServlet("/events")
public class EventFixtureServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    @JMSConnectionFactory("java:/ConnectionFactory")
    private JMSContext jms;

    @Resource(lookup = "java:/jms/topic/parley.events")
    private Topic events;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String body = new String(request.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int copies = Integer.parseInt(request.getParameter("copies"));
        for (int i = 0; i < copies; i++) {
            jms.createProducer().send(events, body);
        }
        response.setStatus(204);
    }
}
