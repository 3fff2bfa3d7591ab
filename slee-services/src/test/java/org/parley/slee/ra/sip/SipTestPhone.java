package org.parley.slee.ra.sip;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A second JAIN SIP stack on 127.0.0.1 playing a phone: builds requests, sends each on a client transaction and
 * waits for its final response. One Call-ID per phone, so successive REGISTERs are refreshes (RFC 3261 §10.2.4).
 */
public final class SipTestPhone implements SipListener, AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(5);

    public final AddressFactory addresses;
    public final HeaderFactory headers;
    public final MessageFactory messages;
    private final SipStack stack;
    private final SipProvider provider;
    private final String transport;
    private final int port;
    private final String callId = UUID.randomUUID() + "@127.0.0.1";
    private final AtomicLong cseq = new AtomicLong();
    private final BlockingQueue<Response> finals = new LinkedBlockingQueue<>();

    public SipTestPhone(String transport) throws Exception {
        this.transport = transport;
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        addresses = factory.createAddressFactory();
        headers = factory.createHeaderFactory();
        messages = factory.createMessageFactory();
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", "test-phone-" + UUID.randomUUID());
        JainSipLogging.configure(properties);
        stack = factory.createSipStack(properties);
        port = freePort();
        ListeningPoint point = stack.createListeningPoint("127.0.0.1", port, transport);
        provider = stack.createSipProvider(point);
        provider.addSipListener(this);
        stack.start();
    }

    /** Properties for a test phone's own JAIN SIP stack, logging through Parley's bridge (the RI wants log4j). */
    public static Properties stackProperties(String name) {
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", name + "-" + UUID.randomUUID());
        JainSipLogging.configure(properties);
        return properties;
    }

    /** A port free for both UDP and TCP on 127.0.0.1, as a SIP listener binds both. */
    public static int freePort() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                try (DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), InetAddress.getLoopbackAddress())) {
                    return udp.getLocalPort();
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no free port on 127.0.0.1");
    }

    /** A request from {@code sip:user@domain} to {@code toUri}, sent to 127.0.0.1:{@code serverPort}. */
    public Request request(String method, String user, String domain, int serverPort) throws ParseException {
        try {
            Address from = addresses.createAddress("sip:" + user + "@" + domain);
            String requestUri = Request.REGISTER.equals(method) ? "sip:" + domain + ":" + serverPort
                    : "sip:" + user + "@" + domain + ":" + serverPort;
            List<ViaHeader> via = new ArrayList<>();
            via.add(headers.createViaHeader("127.0.0.1", port, transport, null));
            Request request = messages.createRequest(addresses.createURI(requestUri), method,
                    headers.createCallIdHeader(callId), headers.createCSeqHeader(cseq.incrementAndGet(), method),
                    headers.createFromHeader(from, Long.toHexString(System.nanoTime())),
                    headers.createToHeader(from, null), via, headers.createMaxForwardsHeader(70));
            request.addHeader(headers.createContactHeader(addresses.createAddress(
                    "sip:" + user + "@127.0.0.1:" + port + ";transport=" + transport)));
            javax.sip.address.SipURI route = addresses.createSipURI(null, "127.0.0.1");
            route.setPort(serverPort);
            route.setTransportParam(transport);
            route.setLrParam();
            request.addHeader(headers.createRouteHeader(addresses.createAddress(route)));
            return request;
        } catch (javax.sip.InvalidArgumentException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends on a new client transaction; the final response, or null if none came within five seconds. */
    public Response send(Request request) throws Exception {
        finals.clear();
        ClientTransaction transaction = provider.getNewClientTransaction(request);
        transaction.sendRequest();
        return finals.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The header values of one name, in order. */
    public static List<String> values(Response response, String name) {
        List<String> values = new ArrayList<>();
        ListIterator<?> iterator = response.getHeaders(name);
        while (iterator.hasNext()) {
            String text = iterator.next().toString();
            values.add(text.substring(text.indexOf(':') + 1).trim());
        }
        return values;
    }

    @Override
    public void processResponse(ResponseEvent event) {
        if (event.getResponse().getStatusCode() >= 200) {
            finals.add(event.getResponse());
        }
    }

    @Override
    public void processRequest(RequestEvent event) {
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }

    @Override
    public void close() {
        stack.stop();
    }
}
