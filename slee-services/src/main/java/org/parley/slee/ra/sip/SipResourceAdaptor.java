package org.parley.slee.ra.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Map;
import java.util.Set;
import java.util.TooManyListenersException;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.Transaction;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionState;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.TransactionUnavailableException;
import javax.sip.address.AddressFactory;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import javax.slee.Address;
import javax.slee.AddressPlan;

import gov.nist.javax.sip.stack.SIPServerTransaction;

import org.parley.slee.ra.ActivityHandle;
import org.parley.slee.ra.ResourceAdaptor;
import org.parley.slee.ra.ResourceAdaptorContext;
import org.parley.slee.ra.SleeEndpoint;
import org.parley.slee.ra.SleeOverloadedException;
import org.parley.slee.ra.UnknownActivityException;

/**
 * The SIP resource adaptor: one JAIN SIP RI stack and provider listening on the configured address and port.
 *
 * <p>Every request the stack hands over runs on a server transaction that is an activity; a request inside a
 * dialog the adaptor knows is fired on the dialog's activity instead. Responses and timeouts go to the client
 * transaction's activity. The {@link javax.slee.Address} fired with a request is its To URI, for convergence on the
 * address-of-record.
 *
 * <p>Every request gets a final response, whatever happens after the stack gave it to us: when the SLEE refuses
 * the event (saturated) → 503 with Retry-After; when a handler fails → 500; when every handler committed but none
 * responded (beyond 100 Trying), deferred the answer with {@link SleeSipProvider#resumeWhen} or took it on with
 * {@link SleeSipProvider#answerLater} → 500. The stack itself answers what it cannot parse (400) and, past its
 * transaction bound, stops taking new transactions.
 */
public final class SipResourceAdaptor implements ResourceAdaptor, SipListener {

    /** The entity name SBBs look the adaptor up by. */
    public static final String ENTITY_NAME = "sip";

    /**
     * The UDP socket buffers asked of the kernel. JAIN SIP's default is 8 KB, some twenty requests: a burst beyond
     * that is dropped by the kernel before the stack reads it, and every drop comes back as a retransmission 500 ms
     * later, adding to the load that caused it (the SIP benchmark saw it at 300 call setups/s). The kernel grants at
     * most {@code net.core.rmem_max} / {@code wmem_max}, so hosts that want the whole of it raise those.
     */
    static final int UDP_SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;
    /**
     * The largest SIP message taken, over UDP or TCP: the most each datagram waiting for a worker costs (it is held at
     * its own size, {@link ExactDatagramSocket}). RFC 3261 §18.1.1 sends anything near the path MTU over TCP, and SIP
     * messages of more than a few kilobytes are not seen in practice.
     */
    static final int MAX_MESSAGE_BYTES = 16 * 1024;
    /**
     * Datagrams read and waiting for the stack's workers, at most (see {@link UdpIntake}): 32 MB of heap should
     * every one be of {@link #MAX_MESSAGE_BYTES}, and about half a second of the most the workers get through.
     */
    static final int UDP_INTAKE_DATAGRAMS = 2048;

    private static final System.Logger LOG = System.getLogger(SipResourceAdaptor.class.getName());

    private final SipEndpointConfig config;
    private final AtomicLong handles = new AtomicLong();
    /** Server transactions whose answer waits on work started with {@code resumeWhen}: how many resumptions. */
    private final Map<ServerTransaction, Integer> deferred = new ConcurrentHashMap<>();
    /** Server transactions an SBB said it answers later, from another event (see {@code answerLater}). */
    private final Set<ServerTransaction> answeredLater = ConcurrentHashMap.newKeySet();
    private final EarlyAcks earlyAcks = new EarlyAcks();
    private final List<ListeningPoint> listeningPoints = new ArrayList<>();
    private final Provider sbbInterface = new Provider();
    private volatile SleeEndpoint endpoint;
    private volatile ResourceAdaptorContext context;
    private volatile SipStack stack;
    private volatile SipProvider provider;
    private volatile AddressFactory addressFactory;
    private volatile HeaderFactory headerFactory;
    private volatile MessageFactory messageFactory;

    public SipResourceAdaptor(SipEndpointConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public synchronized void start(ResourceAdaptorContext context) {
        this.endpoint = context.endpoint();
        this.context = context;
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        try {
            addressFactory = factory.createAddressFactory();
            headerFactory = factory.createHeaderFactory();
            messageFactory = factory.createMessageFactory();
            stack = new ParleySipStack(stackProperties(context.entityName()));
            for (String transport : config.transports()) {
                ListeningPoint point = stack.createListeningPoint(config.address(), config.port(), transport);
                // The Via headers the stack writes itself (in-dialog requests, ACKs) must name the advertised
                // address, or a peer behind the NAT's far side answers to an address it cannot reach.
                point.setSentBy(config.advertisedAddress() + ":" + point.getPort());
                listeningPoints.add(point);
            }
            provider = stack.createSipProvider(listeningPoints.get(0));
            for (ListeningPoint point : listeningPoints.subList(1, listeningPoints.size())) {
                provider.addListeningPoint(point);
            }
            provider.addSipListener(this);
            stack.start();
        } catch (SipException | InvalidArgumentException | TooManyListenersException | java.text.ParseException e) {
            stop();
            throw new IllegalStateException("cannot start SIP on " + config.address() + ":" + config.port(), e);
        }
        LOG.log(System.Logger.Level.INFO, "SIP listening on {0}:{1} {2}", config.address(),
                String.valueOf(boundPort()), config.transports());
    }

    private Properties stackProperties(String entityName) {
        Properties properties = new Properties();
        // JAIN SIP keys stacks by name inside one JVM; two Parley SLEEs (tests) must not share one.
        properties.setProperty("javax.sip.STACK_NAME", "parley-" + entityName + "-" + UUID.randomUUID());
        properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        // The listener only queues events, so the stack may call it from its own pool concurrently.
        properties.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "8");
        // The stack's threads at the normal priority, not its default of the highest: where Java priorities reach the
        // kernel (run.sh), the highest is the media server's clock, which must not wait behind signalling.
        properties.setProperty("gov.nist.javax.sip.THREAD_PRIORITY", String.valueOf(Thread.NORM_PRIORITY));
        properties.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", String.valueOf(UDP_SOCKET_BUFFER_BYTES));
        properties.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", String.valueOf(UDP_SOCKET_BUFFER_BYTES));
        properties.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", String.valueOf(config.maxTransactions()));
        properties.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", String.valueOf(config.maxTransactions()));
        // Oversize messages are refused (TCP) rather than buffered: a flood must not be able to fill the heap.
        properties.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", String.valueOf(MAX_MESSAGE_BYTES));
        // The UDP intake is bounded by count (UdpIntake), so the stack's age-based purge of its old queue is off.
        properties.setProperty("gov.nist.javax.sip.CONGESTION_CONTROL_TIMEOUT", "0");
        // A UDP transaction stays in the table for 32 s after its final response (RFC 3261 Timer J) to absorb
        // retransmissions. "Normal" makes the stack keep only the request's and the last response's bytes over that
        // time (parsed again if asked for) instead of both parsed messages and the dialog: the live heap during a
        // 250 call setups/s step fell from 308 MB to 195 MB (sip-bench.sh, a class histogram in the step).
        properties.setProperty("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Normal");
        JainSipLogging.configure(properties);
        UdpIntake.configure(properties);
        return properties;
    }

    @Override
    public synchronized void stop() {
        SipStack running = stack;
        if (running == null) {
            return;
        }
        if (provider != null) {
            provider.removeSipListener(this);
            try {
                running.deleteSipProvider(provider);
            } catch (javax.sip.ObjectInUseException e) {
                LOG.log(System.Logger.Level.WARNING, "SIP provider still in use at stop", e);
            }
        }
        for (ListeningPoint point : listeningPoints) {
            try {
                running.deleteListeningPoint(point);
            } catch (javax.sip.ObjectInUseException e) {
                LOG.log(System.Logger.Level.WARNING, "SIP listening point still in use at stop", e);
            }
        }
        listeningPoints.clear();
        running.stop();
        stack = null;
        provider = null;
        deferred.clear();
        answeredLater.clear();
        earlyAcks.clear();
    }

    @Override
    public Object sbbInterface() {
        return sbbInterface;
    }

    /** The most UDP datagrams the stack holds unparsed, 0 without a UDP listening point. */
    int udpIntakeCapacity() {
        return listeningPoints.stream().filter(p -> ListeningPoint.UDP.equalsIgnoreCase(p.getTransport()))
                .mapToInt(UdpIntake::capacity).findFirst().orElse(0);
    }

    /** Whether the UDP listening point holds each datagram at its own size (see {@link ExactDatagramSocket}). */
    boolean udpReadsExactDatagrams() {
        return listeningPoints.stream().filter(p -> ListeningPoint.UDP.equalsIgnoreCase(p.getTransport()))
                .anyMatch(UdpIntake::readsExactDatagrams);
    }

    /** The port actually bound (differs from the configured one when that was 0). */
    public int boundPort() {
        SipProvider current = provider;
        return current == null ? -1 : current.getListeningPoints()[0].getPort();
    }

    // ---- from the stack -------------------------------------------------------------------------------------

    @Override
    public void processRequest(RequestEvent stackEvent) {
        Request request = stackEvent.getRequest();
        Dialog dialog = stackEvent.getDialog();
        SipActivityHandle.Dialog dialogHandle = dialog != null && dialog.getApplicationData()
                instanceof SipActivityHandle.Dialog known ? known : null;
        if (Request.ACK.equals(request.getMethod())) {
            // ACK has no transaction and no response; only a dialog's SBB can want it.
            if (dialog != null) {
                earlyAcks.ackArrived(dialog, ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber());
            }
            if (dialogHandle != null) {
                fireQuietly(dialogHandle, stackEvent, addressOf(request));
            }
            return;
        }
        ServerTransaction transaction = stackEvent.getServerTransaction();
        if (transaction == null) {
            try {
                transaction = provider.getNewServerTransaction(request);
            } catch (TransactionAlreadyExistsException e) {
                return; // a retransmission the stack will absorb
            } catch (TransactionUnavailableException e) {
                answerStatelessly(request, Response.SERVICE_UNAVAILABLE);
                return;
            }
        }
        SipActivityHandle.Transaction handle = new SipActivityHandle.Transaction(handles.incrementAndGet());
        transaction.setApplicationData(handle);
        RequestEvent event = new RequestEvent(provider, transaction, dialog, request);
        try {
            endpoint.startActivity(handle, transaction);
            endpoint.fireEvent(dialogHandle != null ? dialogHandle : handle, event, addressOf(request));
        } catch (SleeOverloadedException e) {
            answer(transaction, Response.SERVICE_UNAVAILABLE);
        } catch (UnknownActivityException | IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "could not fire " + request.getMethod(), e);
            answer(transaction, Response.SERVER_INTERNAL_ERROR);
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        ClientTransaction transaction = event.getClientTransaction();
        if (transaction != null && transaction.getApplicationData() instanceof SipActivityHandle.Transaction handle) {
            fireQuietly(handle, event, null);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        Transaction transaction = event.isServerTransaction() ? event.getServerTransaction()
                : event.getClientTransaction();
        if (transaction != null && transaction.getApplicationData() instanceof SipActivityHandle.Transaction handle) {
            fireQuietly(handle, event, null);
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.log(System.Logger.Level.DEBUG, "SIP I/O failure towards {0}:{1}/{2}", event.getHost(),
                String.valueOf(event.getPort()), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        Transaction transaction = event.isServerTransaction() ? event.getServerTransaction()
                : event.getClientTransaction();
        if (event.isServerTransaction()) {
            deferred.remove(event.getServerTransaction());
            answeredLater.remove(event.getServerTransaction());
        }
        if (transaction != null && transaction.getApplicationData() instanceof SipActivityHandle.Transaction handle) {
            endQuietly(handle);
        }
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        earlyAcks.forget(event.getDialog());
        if (event.getDialog().getApplicationData() instanceof SipActivityHandle.Dialog handle) {
            endQuietly(handle);
        }
    }

    // ---- from the SLEE --------------------------------------------------------------------------------------

    @Override
    public void eventProcessingFailed(ActivityHandle handle, Object event) {
        ServerTransaction transaction = serverTransactionOf(event);
        if (transaction != null) {
            resumed(event);
            answer(transaction, Response.SERVER_INTERNAL_ERROR);
        }
    }

    @Override
    public void eventProcessingSucceeded(ActivityHandle handle, Object event) {
        ServerTransaction transaction = serverTransactionOf(event);
        if (transaction != null && !resumed(event) && !hasResponded(transaction)
                && !answeredLater.contains(transaction)) {
            answer(transaction, Response.SERVER_INTERNAL_ERROR);
        }
    }

    private void defer(ServerTransaction transaction) {
        deferred.merge(transaction, 1, Integer::sum);
    }

    /**
     * Counts a delivered {@link Resumption} off its transaction's deferrals (counted at delivery, not completion,
     * so work that completes before its handler returns still holds the safety net off); true if the transaction
     * still waits on more work.
     */
    private boolean resumed(Object event) {
        ServerTransaction transaction = serverTransactionOf(event);
        if (event instanceof Resumption) {
            deferred.computeIfPresent(transaction, (key, count) -> count > 1 ? count - 1 : null);
        }
        return deferred.containsKey(transaction);
    }

    private static ServerTransaction serverTransactionOf(Object event) {
        if (event instanceof RequestEvent request && !Request.ACK.equals(request.getRequest().getMethod())) {
            return request.getServerTransaction();
        }
        if (event instanceof Resumption resumption) {
            return resumption.transaction();
        }
        return null;
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static Address addressOf(Request request) {
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        if (to == null) {
            return null;
        }
        URI uri = to.getAddress().getURI();
        return new Address(AddressPlan.SIP, uri.toString());
    }

    private void fireQuietly(ActivityHandle handle, Object event, Address address) {
        try {
            endpoint.fireEvent(handle, event, address);
        } catch (UnknownActivityException e) {
            LOG.log(System.Logger.Level.DEBUG, "event for ended activity {0} dropped", handle);
        } catch (SleeOverloadedException e) {
            LOG.log(System.Logger.Level.WARNING, "SLEE saturated: {0} dropped", event.getClass().getSimpleName());
        }
    }

    private void endQuietly(ActivityHandle handle) {
        try {
            endpoint.endActivity(handle);
        } catch (UnknownActivityException e) {
            LOG.log(System.Logger.Level.DEBUG, "activity {0} already ended", handle);
        } catch (SleeOverloadedException e) {
            LOG.log(System.Logger.Level.WARNING, "SLEE saturated: could not end " + handle, e);
        }
    }

    /** Sends a final response unless the transaction already sent one; never throws. */
    private void answer(ServerTransaction transaction, int statusCode) {
        if (hasAnswered(transaction)) {
            return;
        }
        try {
            Response response = sbbInterface.createResponse(statusCode, transaction.getRequest());
            if (statusCode == Response.SERVICE_UNAVAILABLE) {
                response.addHeader(headerFactory.createRetryAfterHeader((int) config.retryAfter().toSeconds()));
            }
            transaction.sendResponse(response);
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not answer " + statusCode, e);
        }
    }

    private void answerStatelessly(Request request, int statusCode) {
        try {
            Response response = sbbInterface.createResponse(statusCode, request);
            if (statusCode == Response.SERVICE_UNAVAILABLE) {
                response.addHeader(headerFactory.createRetryAfterHeader((int) config.retryAfter().toSeconds()));
            }
            provider.sendResponse(response);
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not answer " + statusCode + " statelessly", e);
        }
    }

    /**
     * Whether a handler took charge of the request: any response past 100 Trying (which the stack may send by
     * itself). A provisional response means an SBB owns the request and answers it later (an INVITE ringing).
     */
    private static boolean hasResponded(ServerTransaction transaction) {
        if (transaction instanceof SIPServerTransaction nist) {
            return nist.getLastResponseStatusCode() > Response.TRYING;
        }
        return hasAnswered(transaction);
    }

    private static boolean hasAnswered(ServerTransaction transaction) {
        TransactionState state = transaction.getState();
        return state != null && state != TransactionState.TRYING && state != TransactionState.PROCEEDING;
    }

    /** The SBB interface: factories plus activity creation on the SBB's behalf. */
    private final class Provider implements SleeSipProvider {

        @Override
        public AddressFactory addressFactory() {
            return addressFactory;
        }

        @Override
        public HeaderFactory headerFactory() {
            return headerFactory;
        }

        @Override
        public MessageFactory messageFactory() {
            return messageFactory;
        }

        @Override
        public Response createResponse(int statusCode, Request request) {
            try {
                Response response = messageFactory.createResponse(statusCode, request);
                ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
                if (statusCode > 100 && to != null && to.getTag() == null) {
                    to.setTag(Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()));
                }
                return response;
            } catch (java.text.ParseException e) {
                throw new IllegalArgumentException("cannot build a " + statusCode + " response", e);
            }
        }

        @Override
        public void send(ServerTransaction transaction, Response response) {
            // The method from the response's CSeq: a completed non-INVITE transaction no longer holds its request
            // (RELEASE_REFERENCES_STRATEGY), and reading it would parse it again.
            boolean invite = Request.INVITE.equals(((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod());
            boolean delivered = true;
            try {
                transaction.sendResponse(response);
            } catch (SipException e) {
                if (!causedByIo(e)) {
                    throw new IllegalStateException("could not send " + response.getStatusCode(), e);
                }
                // The peer hung up its connection (or its address no longer answers): the answer is lost on the way,
                // as a UDP datagram can be. That is the peer's loss, not the SBB's failure, so the SBB carries on and
                // what it did (a binding stored) stands; an INVITE's 2xx that never arrives ends in the ACK timeout.
                delivered = false;
                LOG.log(System.Logger.Level.DEBUG, () -> "answer " + response.getStatusCode() + " to "
                        + ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod() + " could not be delivered: "
                        + e.getMessage());
            } catch (InvalidArgumentException e) {
                throw new IllegalStateException("could not send " + response.getStatusCode(), e);
            }
            if (delivered && response.getStatusCode() / 100 == 2 && invite && transaction.getDialog() != null) {
                earlyAcks.finalResponseSent(transaction.getDialog());
            }
            // A non-INVITE server transaction has nothing more for an SBB once its final response is out: the stack
            // answers the request's retransmissions by itself for the next 32 s (RFC 3261 Timer J) and only then
            // reports the transaction terminated. Its activity ends now, so that the activity context and the
            // entities still attached to it (a call's, after its BYE) are released now rather than 32 s later.
            if (!invite && response.getStatusCode() >= 200
                    && transaction.getApplicationData() instanceof SipActivityHandle.Transaction handle) {
                endQuietly(handle);
            }
        }

        private static boolean causedByIo(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.io.IOException) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public ClientTransaction newClientTransaction(Request request) {
            try {
                ClientTransaction transaction = provider.getNewClientTransaction(request);
                SipActivityHandle.Transaction handle = new SipActivityHandle.Transaction(handles.incrementAndGet());
                transaction.setApplicationData(handle);
                endpoint.startActivity(handle, transaction);
                return transaction;
            } catch (TransactionUnavailableException e) {
                throw new IllegalStateException("no client transaction for " + request.getMethod(), e);
            }
        }

        @Override
        public Dialog newDialog(Transaction transaction) {
            try {
                Dialog dialog = provider.getNewDialog(transaction);
                SipActivityHandle.Dialog handle = new SipActivityHandle.Dialog(handles.incrementAndGet());
                dialog.setApplicationData(handle);
                endpoint.startActivity(handle, dialog);
                return dialog;
            } catch (SipException e) {
                throw new IllegalStateException("no dialog for the transaction", e);
            }
        }

        @Override
        public void resumeWhen(ServerTransaction transaction, CompletionStage<?> work) {
            defer(transaction);
            work.whenComplete((value, failure) -> {
                Resumption resumption = new Resumption(transaction, value, failure);
                if (!(transaction.getApplicationData() instanceof SipActivityHandle.Transaction handle)) {
                    resumed(resumption);
                    return;
                }
                try {
                    endpoint.fireEvent(handle, resumption, null);
                } catch (SleeOverloadedException e) {
                    resumed(resumption);
                    answer(transaction, Response.SERVICE_UNAVAILABLE);
                } catch (UnknownActivityException e) {
                    resumed(resumption);
                    LOG.log(System.Logger.Level.DEBUG, "transaction ended before its work completed");
                }
            });
        }

        @Override
        public void answerLater(ServerTransaction transaction) {
            Objects.requireNonNull(transaction, "transaction");
            if (answeredLater.add(transaction)) {
                context.whenRolledBack(() -> answeredLater.remove(transaction));
            }
        }

        @Override
        public String advertisedAddress() {
            return config.advertisedAddress();
        }

        @Override
        public int port() {
            return boundPort();
        }

        @Override
        public boolean isListening() {
            SipProvider current = provider;
            return stack != null && current != null && current.getListeningPoints().length == config.transports().size();
        }
    }
}
