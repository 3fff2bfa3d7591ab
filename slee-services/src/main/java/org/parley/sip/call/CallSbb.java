package org.parley.sip.call;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionState;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import javax.slee.ActivityContextInterface;
import javax.slee.ActivityEndEvent;
import javax.slee.facilities.TimerEvent;
import javax.slee.facilities.TimerID;
import javax.slee.facilities.TimerOptions;

import gov.nist.javax.sip.message.SIPRequest;

import org.parley.media.control.Bridge;
import org.parley.media.control.BridgeId;
import org.parley.media.control.CapacityExhaustedException;
import org.parley.media.control.Endpoint;
import org.parley.media.control.EndpointId;
import org.parley.media.control.MediaEvent;
import org.parley.media.control.PlayRequest;
import org.parley.media.control.ToneKind;
import org.parley.media.sdp.SdpException;
import org.parley.media.sdp.SdpParseException;
import org.parley.media.sdp.SdpParser;
import org.parley.media.sdp.RtpMap;
import org.parley.sip.registrar.AddressOfRecord;
import org.parley.sip.registrar.Binding;
import org.parley.sip.registrar.Registrar;
import org.parley.sip.registrar.RequestAuthentication;
import org.parley.slee.ra.media.MediaProvider;
import org.parley.slee.ra.media.MediaResourceAdaptor;
import org.parley.slee.ra.sip.Resumption;
import org.parley.slee.ra.sip.SipResourceAdaptor;
import org.parley.slee.ra.sip.SleeSipProvider;
import org.parley.slee.runtime.BaseSbb;

/**
 * A call between two extensions as a B2BUA: the caller's INVITE is authenticated (407, the registrar's digest
 * secrets and realm), then the call's {@link CallStateMachine} is fed every SIP message, media result and timer of
 * the call, and this SBB carries out the actions it returns, in order.
 *
 * <p>Media is anchored: the caller's leg answers the caller's offer on one media endpoint, every branch to the
 * callee's contacts is offered a second endpoint, and the two are joined in a 2-party bridge once a branch answers.
 * RTP flows phone → Parley → phone, and RFC 4733 digits are re-sent across the bridge by the media server itself.
 *
 * <p>All state is in CMP fields, rolled back with a failed handler: the {@link CallProgress}, and the activity
 * contexts of the SIP transactions and dialogs and the ids of the media endpoints, bridge and timers it needs to
 * carry actions out. Each branch to the callee is its own dialog with its own Call-ID, its Via branch being the
 * branch id of the {@link ForkSet}. A handler that throws is rolled back and the SIP adaptor answers the request in
 * hand with 500, so every INVITE gets a final response on every path.
 */
public abstract class CallSbb extends BaseSbb {

    private static final System.Logger LOG = System.getLogger(CallSbb.class.getName());

    /** RFC 3261 §13.3.1.4: a UAS that sent a 2xx gives up waiting for the ACK after 64*T1 (T1 = 500 ms). */
    static final Duration ACK_TIMEOUT = Duration.ofMillis(64 * 500);
    /**
     * RFC 3261 §9.1: a UAC whose CANCEL brought no final response for the INVITE within 64*T1 considers the INVITE
     * cancelled and destroys its transaction.
     */
    static final Duration CANCEL_GUARD = Duration.ofMillis(64 * 500);
    /**
     * How long a re-INVITE that overtook the ACK it follows waits for that ACK: the SIP stack reads each datagram on
     * its own thread, so a phone's ACK and its next re-INVITE, sent in that order, may reach the call swapped. Two
     * T1 cover our 2xx's first retransmission and the ACK it brings back; after that the re-INVITE vouches for the
     * ACK (see {@code vouchForAck}).
     */
    static final Duration PARKED_REINVITE_WAIT = Duration.ofMillis(2 * 500);
    /** RFC 3261 §8.1.1.6: the usual initial Max-Forwards. */
    private static final int MAX_FORWARDS = 70;
    /** What the bridge, not a peer, answers to: the states in which both parties talk. */
    private static final Set<CallState> TALKING = EnumSet.of(CallState.CONNECTED, CallState.HELD_BY_CALLER,
            CallState.HELD_BY_CALLEE, CallState.HELD_BY_BOTH);
    /** States before the endpoints exist: an ending media activity cannot be this call's. */
    private static final Set<CallState> BEFORE_MEDIA = EnumSet.of(CallState.IDLE, CallState.ROUTING,
            CallState.ANCHORING);
    /** One ITU-T E.180 ringback cadence (2 s on, 4 s off), looped while the callee's phone rings. */
    private static final Duration RINGBACK_CADENCE = Duration.ofSeconds(6);

    // ---- CMP fields -----------------------------------------------------------------------------------------

    /** Set by RELEASE_MEDIA within one handler, published with the record that follows; never CMP state. */
    private CallRecords.CallMedia releasedMedia;

    public abstract CallProgress getProgress();

    public abstract void setProgress(CallProgress progress);

    /** The caller's INVITE server transaction. */
    public abstract ActivityContextInterface getCallerInvite();

    public abstract void setCallerInvite(ActivityContextInterface aci);

    public abstract ActivityContextInterface getCallerDialog();

    public abstract void setCallerDialog(ActivityContextInterface aci);

    /** Branch id → the INVITE client transaction of that branch. */
    public abstract Map<String, ActivityContextInterface> getBranchInvites();

    public abstract void setBranchInvites(Map<String, ActivityContextInterface> invites);

    /** Branch id → that branch's dialog. */
    public abstract Map<String, ActivityContextInterface> getBranchDialogs();

    public abstract void setBranchDialogs(Map<String, ActivityContextInterface> dialogs);

    public abstract EndpointId getCallerEndpoint();

    public abstract void setCallerEndpoint(EndpointId id);

    public abstract EndpointId getCalleeEndpoint();

    public abstract void setCalleeEndpoint(EndpointId id);

    public abstract BridgeId getBridge();

    public abstract void setBridge(BridgeId id);

    public abstract TimerID getNoAnswerTimer();

    public abstract void setNoAnswerTimer(TimerID timer);

    public abstract TimerID getAckTimer();

    /** The call's unique reference for its records (a UUID), set when the call starts. */
    public abstract String getCallRef();

    public abstract void setCallRef(String ref);

    public abstract void setAckTimer(TimerID timer);

    /** A re-INVITE's server transaction, held until the ACK it overtook has come ({@link #PARKED_REINVITE_WAIT}). */
    public abstract ActivityContextInterface getParkedReInvite();

    public abstract void setParkedReInvite(ActivityContextInterface aci);

    public abstract TimerID getParkedReInviteTimer();

    public abstract void setParkedReInviteTimer(TimerID timer);

    /** Branch id → the timer guarding the CANCEL sent there; set on that branch's INVITE transaction. */
    public abstract Map<String, TimerID> getCancelGuards();

    public abstract void setCancelGuards(Map<String, TimerID> guards);

    // ---- SIP requests ---------------------------------------------------------------------------------------

    public void onRequestEvent(RequestEvent event, ActivityContextInterface aci) {
        Request request = event.getRequest();
        switch (request.getMethod()) {
            case Request.INVITE -> {
                if (event.getDialog() == null) {
                    takeInvite(event.getServerTransaction(), aci);
                } else {
                    reInvite(event);
                }
            }
            case Request.CANCEL -> cancel(event, aci);
            case Request.ACK -> ack(event);
            case Request.BYE -> bye(event);
            // RFC 3261 §12.2.2: an in-dialog request the UAS does not support gets 405 (OPTIONS a 200, §11.2).
            default -> respond(event.getServerTransaction(), Request.OPTIONS.equals(request.getMethod())
                    ? Response.OK : Response.METHOD_NOT_ALLOWED);
        }
        settleParkedReInvite(false);
    }

    /** The caller's credentials or the callee's directory entry were loaded off the event thread. */
    public void onResumption(Resumption resumption, ActivityContextInterface aci) {
        ServerTransaction invite = resumption.transaction();
        if (hasAnswered(invite)) {
            // A CANCEL was answered meanwhile.
            aci.detach(self());
            return;
        }
        CallState state = progress().state();
        if (state == CallState.IDLE) {
            if (resumption.failed()) {
                Response response = sip().createResponse(Response.SERVICE_UNAVAILABLE, invite.getRequest());
                response.addHeader(header(factory -> factory.createRetryAfterHeader(5)));
                sip().send(invite, response);
                aci.detach(self());
                return;
            }
            authenticate(invite, aci);
        } else if (state == CallState.ROUTING) {
            // The directory could not be read: the extension is unavailable for now, which 480 says (RFC 3261 §21.4.18).
            feed(resumption.failed() ? Optional.of(new CallEvent.CalleeNotRegistered()) : resolveCallee(),
                    Trigger.NONE);
        }
    }

    private void takeInvite(ServerTransaction transaction, ActivityContextInterface aci) {
        if (getCallerInvite() != null) {
            // A second INVITE with this Call-ID and From tag while the first is still being set up.
            respond(transaction, Response.LOOP_DETECTED);
            aci.detach(self());
            return;
        }
        setCallerInvite(aci);
        authenticate(transaction, aci);
    }

    /** RFC 3261 §22.3: a B2BUA acting for its callers challenges them as a proxy would, with 407. */
    private void authenticate(ServerTransaction transaction, ActivityContextInterface aci) {
        Request request = transaction.getRequest();
        URI fromUri = ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI();
        if (!(fromUri instanceof SipURI from) || from.getUser() == null || from.getUser().isEmpty()) {
            refuse(transaction, aci, Response.BAD_REQUEST, "From is not a SIP address-of-record");
            return;
        }
        MaxForwardsHeader maxForwards = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        if (maxForwards != null && maxForwards.getMaxForwards() == 0) {
            refuse(transaction, aci, Response.TOO_MANY_HOPS, null);
            return;
        }
        // The realm is the tenant's SIP domain, as for REGISTER: the caller's own domain.
        String realm = from.getHost().toLowerCase(Locale.ROOT);
        Registrar registrar = registrar();
        RequestAuthentication.Outcome outcome = RequestAuthentication.check(registrar, request, realm,
                RequestAuthentication.Challenger.PROXY);
        if (outcome instanceof RequestAuthentication.Outcome.Challenge challenge) {
            sip().send(transaction, RequestAuthentication.challenge(registrar, sip(), request, realm,
                    challenge.stale(), RequestAuthentication.Challenger.PROXY));
            aci.detach(self());
        } else if (outcome instanceof RequestAuthentication.Outcome.Lookup lookup) {
            sip().resumeWhen(transaction, lookup.loading());
        } else if (outcome instanceof RequestAuthentication.Outcome.Malformed malformed) {
            refuse(transaction, aci, Response.BAD_REQUEST, malformed.reason());
        } else if (outcome instanceof RequestAuthentication.Outcome.ShutOut shutOut) {
            sip().send(transaction, RequestAuthentication.shutOut(sip(), request, shutOut.retryAfter()));
            aci.detach(self());
        } else if (!((RequestAuthentication.Outcome.Authenticated) outcome).username().equals(from.getUser())) {
            refuse(transaction, aci, Response.FORBIDDEN, "Credentials do not cover the From address");
        } else {
            startCall(transaction, from.getUser(), realm, aci);
        }
    }

    private void startCall(ServerTransaction transaction, String caller, String realm,
                           ActivityContextInterface aci) {
        // RFC 3261 §17.2.1: the callee's answer is not coming within 200 ms, so 100 Trying goes now. Left to the
        // stack's 200 ms timer, under load it could be written after the 180 or 200 it raced with (seen in the
        // benchmark at 350 setups/s: callers got a 100 after their 200 OK).
        respond(transaction, Response.TRYING);
        Request request = transaction.getRequest();
        // The callee is an extension of the caller's tenant, whatever host the phone put in the Request-URI.
        if (!(request.getRequestURI() instanceof SipURI target) || target.getUser() == null
                || target.getUser().isEmpty()) {
            refuse(transaction, aci, Response.NOT_FOUND, null);
            return;
        }
        String offer = body(request);
        // Without an offer (RFC 3261 §13.2.1) the caller's endpoint offers in our 200 and the ACK brings the answer.
        if (!offer.isEmpty()) {
            try {
                SdpParser.parse(offer);
            } catch (SdpParseException e) {
                refuse(transaction, aci, Response.BAD_REQUEST, "Malformed SDP");
                return;
            }
        }
        // The caller's dialog exists from now on, so its CANCEL and BYE reach this entity on the dialog.
        Dialog dialog = sip().newDialog(transaction);
        ActivityContextInterface dialogContext = context().activityContextInterface(dialog);
        dialogContext.attach(self());
        setCallerDialog(dialogContext);
        setBranchInvites(Map.of());
        setBranchDialogs(Map.of());
        // From here on the call answers the INVITE, from whichever event ends the ringing.
        sip().answerLater(transaction);
        feed(Optional.of(new CallEvent.Invite(aor(caller, realm), aor(target.getUser(), realm), !offer.isEmpty())),
                Trigger.NONE);
    }

    private void cancel(RequestEvent event, ActivityContextInterface aci) {
        ServerTransaction cancel = event.getServerTransaction();
        if (getCallerInvite() == null) {
            // RFC 3261 §9.2: no INVITE of ours matches.
            respond(cancel, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
        } else if (progress().state() == CallState.IDLE) {
            // Still authenticating: there is no call yet, only the INVITE to end (RFC 3261 §9.2).
            respond(cancel, Response.OK);
            ServerTransaction invite = (ServerTransaction) getCallerInvite().getActivity();
            if (!hasAnswered(invite)) {
                respond(invite, Response.REQUEST_TERMINATED);
            }
        } else {
            feed(Optional.of(new CallEvent.CallerCancel()), new Trigger(event, null));
        }
        if (aci.getActivity() == cancel) {
            aci.detach(self());
        }
    }

    private void ack(RequestEvent event) {
        Leg leg = legOf(event.getDialog());
        String body = body(event.getRequest());
        if (leg.isCaller()) {
            cancelTimer(getAckTimer());
            setAckTimer(null);
            if (progress().delayedOffer() && progress().state() == CallState.CONNECTING) {
                feed(Optional.of(answerInAck(body)), Trigger.NONE);
            } else {
                // The answer to the offer of our 200 for an offerless re-INVITE (RFC 3264 §4).
                acceptLateAnswer(getCallerEndpoint(), body);
                feed(Optional.of(new CallEvent.CallerAck()), Trigger.NONE);
            }
        } else if (leg.branch().isPresent()) {
            acceptLateAnswer(getCalleeEndpoint(), body);
            feed(Optional.of(new CallEvent.CalleeAck()), Trigger.NONE);
        }
    }

    /** RFC 3261 §13.2.1: the ACK of a delayed-offer call's 200 carries the caller's answer to our offer. */
    private CallEvent answerInAck(String answer) {
        if (answer.isEmpty()) {
            return new CallEvent.CallerAckWithoutAnswer(MediaFailure.CALLER_ANSWER_MISSING);
        }
        Endpoint endpoint = endpoint(getCallerEndpoint());
        try {
            endpoint.acceptAnswer(answer);
            return new CallEvent.CallerAck();
        } catch (SdpException | IllegalStateException e) {
            LOG.log(System.Logger.Level.INFO, "the caller''s answer in its ACK is refused: {0}", e.getMessage());
            return new CallEvent.CallerAckWithoutAnswer(MediaFailure.CALLER_ANSWER_NOT_ACCEPTABLE);
        }
    }

    private void bye(RequestEvent event) {
        Leg leg = legOf(event.getDialog());
        if (leg.isCaller()) {
            feed(Optional.of(new CallEvent.CallerBye()), new Trigger(event, null));
        } else if (leg.branch().isPresent()) {
            feed(Optional.of(new CallEvent.CalleeBye(leg.branch().get())), new Trigger(event, null));
        } else {
            respond(event.getServerTransaction(), Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
        }
    }

    private void reInvite(RequestEvent event) {
        Leg leg = legOf(event.getDialog());
        if (getParkedReInvite() != null) {
            refuseBesideParked(event);
            return;
        }
        if (awaitsAck(leg)) {
            park(event);
            return;
        }
        answerOrRefuseReInvite(event, leg);
    }

    /**
     * Whether the leg's re-INVITE would meet an ACK still due, so that it may have overtaken it: the caller's 2xx
     * (or our offer in a re-INVITE's 2xx) not yet acknowledged, or for the callee the caller's 2xx, without which
     * the machine refuses the callee's re-INVITE, or our offer in the callee's re-INVITE's 2xx.
     */
    private boolean awaitsAck(Leg leg) {
        CallProgress progress = progress();
        if (progress.state().isOver() || progress.state() == CallState.ENDING) {
            return false;
        }
        if (leg.isCaller()) {
            return progress.state() == CallState.CONNECTING || progress.callerAnswerDue();
        }
        return leg.branch().isPresent() && (progress.state() == CallState.CONNECTING || progress.calleeAnswerDue());
    }

    private void park(RequestEvent event) {
        sip().answerLater(event.getServerTransaction());
        setParkedReInvite(context().activityContextInterface(event.getServerTransaction()));
        setParkedReInviteTimer(startTimer(PARKED_REINVITE_WAIT));
    }

    /**
     * A second re-INVITE while one is parked: from the same leg its INVITE has no final response yet (RFC 3261 §14.2:
     * 500 with a Retry-After of 0–10 s); from the other leg it crosses the parked one (491).
     */
    private void refuseBesideParked(RequestEvent event) {
        ServerTransaction parked = (ServerTransaction) getParkedReInvite().getActivity();
        ServerTransaction transaction = event.getServerTransaction();
        if (parked.getDialog() == event.getDialog()) {
            Response response = sip().createResponse(Response.SERVER_INTERNAL_ERROR, transaction.getRequest());
            response.addHeader(header(factory -> factory.createRetryAfterHeader(
                    ThreadLocalRandom.current().nextInt(11))));
            sip().send(transaction, response);
        } else {
            respond(transaction, Response.REQUEST_PENDING);
        }
    }

    /**
     * Hands a parked re-INVITE to the machine once the ACK it waited for has come, the call is over, or the wait is
     * ({@code waitOver}): the machine then answers it as if it had come in order, the ACK vouched for if still due.
     */
    private void settleParkedReInvite(boolean waitOver) {
        ActivityContextInterface parkedContext = getParkedReInvite();
        if (parkedContext == null) {
            return;
        }
        ServerTransaction parked = (ServerTransaction) parkedContext.getActivity();
        Leg leg = legOf(parked.getDialog());
        if (!waitOver && awaitsAck(leg)) {
            return;
        }
        setParkedReInvite(null);
        cancelTimer(getParkedReInviteTimer());
        setParkedReInviteTimer(null);
        if (hasAnswered(parked)) {
            return;
        }
        if (awaitsAck(leg)) {
            vouchForAck(leg);
        }
        answerOrRefuseReInvite(new RequestEvent(parked, parked, parked.getDialog(), parked.getRequest()), leg);
    }

    /**
     * A UAC acknowledges a 2xx before it may start another INVITE in the dialog (RFC 3261 §13.2.2.4, §14.1), so a
     * leg's re-INVITE vouches for the ACK still due from that leg: it was lost, or will be dropped by the stack as
     * older than the re-INVITE. Whatever answer that ACK carried, the re-INVITE's own offer supersedes it (an
     * offerless one gets a fresh offer). The callee's re-INVITE says nothing of the caller's ACK: the machine refuses
     * it (491) while the caller's 2xx is unacknowledged.
     */
    private void vouchForAck(Leg leg) {
        if (leg.isCaller()) {
            cancelTimer(getAckTimer());
            setAckTimer(null);
            feed(Optional.of(new CallEvent.CallerAck()), Trigger.NONE);
        } else if (progress().calleeAnswerDue()) {
            feed(Optional.of(new CallEvent.CalleeAck()), Trigger.NONE);
        }
    }

    private void answerOrRefuseReInvite(RequestEvent event, Leg leg) {
        String offer = body(event.getRequest());
        Optional<org.parley.media.control.MediaDirection> offered;
        try {
            offered = SdpDirection.offered(offer);
        } catch (SdpParseException e) {
            respond(event.getServerTransaction(), Response.BAD_REQUEST);
            return;
        }
        if (leg.isCaller()) {
            feed(Optional.of(new CallEvent.CallerReInvite(offered, canAnswer(getCallerEndpoint(), offer))),
                    new Trigger(event, null));
        } else if (leg.branch().isPresent()) {
            feed(Optional.of(new CallEvent.CalleeReInvite(offered, canAnswer(getCalleeEndpoint(), offer))),
                    new Trigger(event, null));
        } else {
            respond(event.getServerTransaction(), Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
        }
    }

    /**
     * Whether the leg's endpoint can answer a re-INVITE's offer; asked before the machine sees the re-INVITE, so a
     * refused offer changes nothing. Without an offer, or once the endpoint is gone, there is nothing to refuse here
     * (the machine answers a re-INVITE after the call 481).
     */
    private boolean canAnswer(EndpointId endpointId, String offer) {
        if (offer.isEmpty()) {
            return true;
        }
        return Optional.ofNullable(endpointId).flatMap(media()::endpoint).map(e -> e.canAnswer(offer)).orElse(true);
    }

    // ---- SIP responses and timeouts on the branches ---------------------------------------------------------

    public void onResponseEvent(ResponseEvent event, ActivityContextInterface aci) {
        ClientTransaction transaction = event.getClientTransaction();
        CSeqHeader cseq = (CSeqHeader) event.getResponse().getHeader(CSeqHeader.NAME);
        if (transaction == null || !Request.INVITE.equals(cseq.getMethod())
                || !branchInvites().containsKey(transaction.getBranchId())) {
            LOG.log(System.Logger.Level.DEBUG, "response {0} to {1} is no branch''s: {2}",
                    event.getResponse().getStatusCode(), cseq.getMethod(),
                    transaction == null ? null : transaction.getBranchId());
            return;
        }
        feed(Optional.of(new CallEvent.BranchResponse(transaction.getBranchId(),
                event.getResponse().getStatusCode())), new Trigger(null, event));
    }

    /** RFC 3261 §8.1.3.1: a client transaction timeout reads as 408 from that branch. */
    public void onTimeoutEvent(TimeoutEvent event, ActivityContextInterface aci) {
        if (event.isServerTransaction() || event.getClientTransaction() == null) {
            return;
        }
        String branch = event.getClientTransaction().getBranchId();
        if (branchInvites().containsKey(branch) && isUnfinished(branch)) {
            feed(Optional.of(new CallEvent.BranchResponse(branch, Response.REQUEST_TIMEOUT)), Trigger.NONE);
        }
    }

    // ---- timers, media, activity ends -----------------------------------------------------------------------

    public void onTimerEvent(TimerEvent event, ActivityContextInterface aci) {
        if (event.getTimerID().equals(getNoAnswerTimer())) {
            setNoAnswerTimer(null);
            feed(Optional.of(new CallEvent.NoAnswerTimeout()), Trigger.NONE);
        } else if (event.getTimerID().equals(getAckTimer())) {
            setAckTimer(null);
            feed(Optional.of(new CallEvent.CallerAckTimeout()), Trigger.NONE);
        } else if (event.getTimerID().equals(getParkedReInviteTimer())) {
            setParkedReInviteTimer(null);
            settleParkedReInvite(true);
        } else {
            cancelGuards().entrySet().stream().filter(guard -> guard.getValue().equals(event.getTimerID()))
                    .map(Map.Entry::getKey).findFirst().ifPresent(branch -> {
                        setCancelGuards(without(cancelGuards(), branch));
                        if (isUnfinished(branch)) {
                            feed(Optional.of(new CallEvent.CancelUnanswered(branch)), Trigger.NONE);
                        }
                    });
        }
        settleParkedReInvite(false);
    }

    /** Digits need nothing here: the bridge re-sends RFC 4733 events to the other leg, in-band ones are mixed. */
    public void onMediaEvent(MediaEvent event, ActivityContextInterface aci) {
        if (event instanceof MediaEvent.RtpTimeout && TALKING.contains(progress().state())) {
            // The media server raises it only while a leg should be receiving: that phone is gone.
            feed(Optional.of(new CallEvent.MediaFailed(MediaFailure.ENDPOINT_LOST)), Trigger.NONE);
        }
        settleParkedReInvite(false);
    }

    public void onActivityEnd(ActivityEndEvent end, ActivityContextInterface aci) {
        Object activity = aci.getActivity();
        CallState state = progress().state();
        if (activity instanceof Endpoint || activity instanceof Bridge) {
            if (!BEFORE_MEDIA.contains(state) && !state.isOver()) {
                feed(Optional.of(new CallEvent.MediaFailed(MediaFailure.ENDPOINT_LOST)), Trigger.NONE);
            }
        } else if (activity instanceof ClientTransaction transaction) {
            String branch = transaction.getBranchId();
            if (branchInvites().containsKey(branch) && isUnfinished(branch)) {
                // The stack gave the INVITE up without a final response: as a timeout (RFC 3261 §8.1.3.1).
                feed(Optional.of(new CallEvent.BranchResponse(branch, Response.REQUEST_TIMEOUT)), Trigger.NONE);
            }
        } else if (getCallerDialog() != null && activity == getCallerDialog().getActivity()
                && (state == CallState.CONNECTING || state == CallState.ENDING)) {
            // The stack ended the dialog because our 2xx was never acknowledged (RFC 3261 §13.3.1.4).
            feed(Optional.of(new CallEvent.CallerAckTimeout()), Trigger.NONE);
        }
        settleParkedReInvite(false);
    }

    // ---- feeding the machine --------------------------------------------------------------------------------

    /**
     * Feeds one event and carries out the actions in order; results that actions report (a lookup, the media
     * setup, a refused SDP answer) are fed after the list, as the machine expects. Records are published last, once
     * nothing more can fail in this handler.
     */
    private void feed(Optional<CallEvent> first, Trigger trigger) {
        if (first.isEmpty()) {
            return;
        }
        releasedMedia = null;
        CallStateMachine machine = new CallStateMachine(context().clock(), FinalResponsePolicy.standard());
        Deque<CallEvent> events = new ArrayDeque<>(List.of(first.get()));
        List<CallRecord> records = new ArrayList<>();
        while (!events.isEmpty()) {
            CallEvent event = events.poll();
            CallStep step = machine.fire(progress(), event);
            LOG.log(System.Logger.Level.DEBUG, "{0} read as {1}: {2}", event, step.kind(), step.actions());
            setProgress(step.progress());
            step.ignoredBecause().ifPresent(reason -> LOG.log(System.Logger.Level.DEBUG, "{0} ignored: {1}",
                    step.kind(), reason));
            List<CallEvent> reported = new ArrayList<>();
            for (CallAction action : step.actions()) {
                carryOut(action, trigger, reported, records);
            }
            events.addAll(reported);
        }
        leaveIfSettled();
        CallRecords port = context().environment(CallService.RECORDS, CallRecords.class);
        if (!records.isEmpty() && getCallRef() == null) {
            setCallRef(UUID.randomUUID().toString());
        }
        Optional<CallRecords.CallMedia> media = Optional.ofNullable(releasedMedia);
        releasedMedia = null;
        for (CallRecord record : records) {
            port.publish(getCallRef(), record, record.isEnded() ? media : Optional.empty());
        }
    }

    private void carryOut(CallAction action, Trigger trigger, List<CallEvent> reported, List<CallRecord> records) {
        switch (action.kind()) {
            case RESOLVE_CALLEE -> resolveCallee().ifPresent(reported::add);
            case ANCHOR_MEDIA -> reported.add(anchorMedia());
            case INVITE_BRANCH -> inviteBranch(action.branch().orElseThrow());
            case START_NO_ANSWER_TIMER -> setNoAnswerTimer(startTimer(
                    context().environment(CallService.SETTINGS, CallSettings.class).noAnswerTimeout()));
            case CANCEL_NO_ANSWER_TIMER -> {
                cancelTimer(getNoAnswerTimer());
                setNoAnswerTimer(null);
            }
            case SEND_PROVISIONAL_TO_CALLER -> sendProvisional(action.code().orElseThrow());
            case PLAY_RINGBACK -> callerEndpoint().ifPresent(endpoint -> endpoint.play(PlayRequest.looping(
                    new PlayRequest.Tone(ToneKind.RINGBACK, RINGBACK_CADENCE))));
            case STOP_RINGBACK -> callerEndpoint().ifPresent(Endpoint::stopPlaying);
            case ACK_BRANCH -> ackBranch(action.branch().orElseThrow(), trigger.response(), reported);
            case CANCEL_BRANCH -> cancelBranch(action.branch().orElseThrow());
            case DROP_BRANCH -> dropBranch(action.branch().orElseThrow());
            case ACK_AND_BYE_LATE_BRANCH -> ackAndByeLateBranch(action.branch().orElseThrow(), trigger.response());
            case BRIDGE_MEDIA -> bridgeMedia();
            case FORWARD_ANSWER_TO_CALLER -> forwardAnswer();
            case SEND_FINAL_TO_CALLER -> sendFinal(action.code().orElseThrow());
            case ACCEPT_CANCEL, CONFIRM_BYE_FROM_CALLER, CONFIRM_BYE_FROM_CALLEE ->
                    respond(trigger.request().getServerTransaction(), Response.OK);
            case SEND_BYE_TO_CALLER -> sendBye(getCallerDialog());
            case SEND_BYE_TO_CALLEE -> sendBye(branchDialogs().get(action.branch().orElseThrow()));
            case ANSWER_REINVITE_FROM_CALLER -> answerReInvite(trigger.request(), getCallerEndpoint());
            case ANSWER_REINVITE_FROM_CALLEE -> answerReInvite(trigger.request(), getCalleeEndpoint());
            case REFUSE_REINVITE_FROM_CALLER, REFUSE_REINVITE_FROM_CALLEE ->
                    respond(trigger.request().getServerTransaction(), action.code().orElseThrow());
            case RELEASE_MEDIA -> releaseMedia();
            case RECORD_START, RECORD_RING, RECORD_ANSWER, RECORD_END -> records.add(progress().record().orElseThrow());
        }
    }

    // ---- the actions ----------------------------------------------------------------------------------------

    /** The callee's live contacts, or whether the extension exists when it has none (loaded off-thread if need be). */
    private Optional<CallEvent> resolveCallee() {
        Registrar registrar = registrar();
        CallRecord record = progress().record().orElseThrow();
        List<Binding> bindings = registrar.bindings().bindings(record.callee());
        if (!bindings.isEmpty()) {
            List<ForkSet.Target> targets = new ArrayList<>();
            for (Binding binding : bindings) {
                targets.add(new ForkSet.Target(newBranchId(), binding.target()));
            }
            return Optional.of(new CallEvent.CalleeLocated(targets));
        }
        SipURI callee = (SipURI) uri(record.callee());
        String user = callee.getUser();
        String realm = callee.getHost();
        if (!registrar.secrets().holds(user, realm)) {
            sip().resumeWhen(callerInvite(), registrar.secrets().load(user, realm));
            return Optional.empty();
        }
        return Optional.of(registrar.secrets().isKnown(user, realm) ? new CallEvent.CalleeNotRegistered()
                : new CallEvent.CalleeUnknown());
    }

    private CallEvent anchorMedia() {
        MediaProvider media = media();
        if (!media.canAcceptCall()) {
            return new CallEvent.MediaFailed(MediaFailure.CAPACITY_EXHAUSTED);
        }
        try {
            // A delayed-offer caller gets the endpoint's offer in our 200 (RFC 3261 §13.2.1).
            Endpoint caller = progress().delayedOffer() ? media.createEndpoint()
                    : media.answer(body(callerInvite().getRequest())).endpoint();
            // Behind NAT the caller's RTP comes from where its INVITE came from, not from its SDP's c= address.
            sipSource(callerInvite().getRequest()).ifPresent(caller::allowLatchFrom);
            setCallerEndpoint(caller.id());
            media.activityContextInterface(caller).attach(self());
            Endpoint callee = media.createEndpoint();
            setCalleeEndpoint(callee.id());
            media.activityContextInterface(callee).attach(self());
            return new CallEvent.MediaReady();
        } catch (CapacityExhaustedException e) {
            return new CallEvent.MediaFailed(MediaFailure.CAPACITY_EXHAUSTED);
        } catch (SdpException e) {
            return new CallEvent.MediaFailed(MediaFailure.OFFER_NOT_ACCEPTABLE);
        }
    }

    /** A new INVITE, on its own Call-ID and dialog, to one contact of the callee, offering the callee endpoint. */
    private void inviteBranch(String branch) {
        SleeSipProvider sip = sip();
        ForkSet.Branch target = progress().forks().branch(branch).orElseThrow();
        CallRecord record = progress().record().orElseThrow();
        Request callerRequest = callerInvite().getRequest();
        URI contact = uri(target.contact());
        String transport = contact instanceof SipURI sipUri && sipUri.getTransportParam() != null
                ? sipUri.getTransportParam() : "udp";
        int maxForwards = Optional.ofNullable((MaxForwardsHeader) callerRequest.getHeader(MaxForwardsHeader.NAME))
                .map(header -> header.getMaxForwards() - 1).orElse(MAX_FORWARDS);
        FromHeader callerFrom = (FromHeader) callerRequest.getHeader(FromHeader.NAME);
        Address from = address(record.caller());
        if (callerFrom.getAddress().getDisplayName() != null) {
            try {
                from.setDisplayName(callerFrom.getAddress().getDisplayName());
            } catch (ParseException e) {
                LOG.log(System.Logger.Level.DEBUG, "caller display name not copied", e);
            }
        }
        Request invite = header(factory -> sip.messageFactory().createRequest(contact, Request.INVITE,
                factory.createCallIdHeader(UUID.randomUUID() + "@" + sip.advertisedAddress()),
                factory.createCSeqHeader(1L, Request.INVITE),
                factory.createFromHeader(from, newTag()),
                factory.createToHeader(address(record.callee()), null),
                List.of(factory.createViaHeader(sip.advertisedAddress(), sip.port(), transport, branch)),
                factory.createMaxForwardsHeader(maxForwards)));
        invite.addHeader(contactHeader());
        setSdp(invite, endpoint(getCalleeEndpoint()).localDescription());
        ClientTransaction transaction = sip.newClientTransaction(invite);
        Dialog dialog = sip.newDialog(transaction);
        ActivityContextInterface transactionContext = context().activityContextInterface(transaction);
        ActivityContextInterface dialogContext = context().activityContextInterface(dialog);
        transactionContext.attach(self());
        dialogContext.attach(self());
        setBranchInvites(with(branchInvites(), branch, transactionContext));
        setBranchDialogs(with(branchDialogs(), branch, dialogContext));
        try {
            transaction.sendRequest();
        } catch (SipException e) {
            throw new IllegalStateException("could not send the INVITE of branch " + branch, e);
        }
    }

    private void sendProvisional(int code) {
        Response response = callerResponse(code);
        if (code != Response.RINGING) {
            // RFC 3960: with our SDP in the 183 the caller renders the early media, Parley's ringback.
            setSdp(response, endpoint(getCallerEndpoint()).localDescription());
        }
        sip().send(callerInvite(), response);
    }

    /** RFC 3261 §13.2.2.4: ACK the 2xx on its dialog, then give its SDP answer to the callee endpoint. */
    private void ackBranch(String branch, ResponseEvent answered, List<CallEvent> reported) {
        Dialog dialog = (Dialog) branchDialogs().get(branch).getActivity();
        sendAck(dialog, answered.getResponse());
        Endpoint callee = endpoint(getCalleeEndpoint());
        // The branch's contact is the binding's target: where the phone registered from, its NAT's address if any.
        progress().forks().branch(branch).flatMap(target -> hostAddress(uri(target.contact())))
                .ifPresent(callee::allowLatchFrom);
        try {
            callee.acceptAnswer(body(answered.getResponse()));
        } catch (SdpException | IllegalStateException e) {
            LOG.log(System.Logger.Level.INFO, "branch {0} answered with SDP the media server refuses: {1}", branch,
                    e.getMessage());
            reported.add(new CallEvent.MediaFailed(MediaFailure.OFFER_NOT_ACCEPTABLE));
        }
    }

    /**
     * RFC 3261 §9.1: CANCEL copies the INVITE's Request-URI, Call-ID, From, To, CSeq number and Via branch. The guard
     * timer is set on the INVITE's transaction, so the branch's final response, which ends it, also ends the guard.
     */
    private void cancelBranch(String branch) {
        ActivityContextInterface inviteContext = branchInvites().get(branch);
        ClientTransaction invite = (ClientTransaction) inviteContext.getActivity();
        try {
            Request cancel = invite.createCancel();
            sip().newClientTransaction(cancel).sendRequest();
        } catch (SipException e) {
            throw new IllegalStateException("could not CANCEL branch " + branch, e);
        }
        Map<String, TimerID> guards = new HashMap<>(cancelGuards());
        guards.put(branch, context().timerFacility().setTimer(inviteContext, null,
                context().clock().millis() + CANCEL_GUARD.toMillis(), new TimerOptions()));
        setCancelGuards(Map.copyOf(guards));
    }

    /**
     * RFC 3261 §9.1: the cancelled INVITE's final response is 64*T1 overdue, so its transaction is destroyed; its
     * early dialog goes with it, or it would hold the call open for a response that is not coming.
     */
    private void dropBranch(String branch) {
        ActivityContextInterface invite = branchInvites().get(branch);
        if (invite != null && invite.getActivity() instanceof ClientTransaction transaction) {
            try {
                transaction.terminate();
            } catch (javax.sip.ObjectInUseException e) {
                LOG.log(System.Logger.Level.DEBUG, "branch {0}''s INVITE transaction is still in use", branch);
            }
        }
        ActivityContextInterface dialog = branchDialogs().get(branch);
        if (dialog != null) {
            ((Dialog) dialog.getActivity()).delete();
        }
        LOG.log(System.Logger.Level.INFO, "branch {0} never answered its CANCEL: given up", branch);
    }

    /** RFC 3261 §13.2.2.4: a 2xx the call does not take is acknowledged, then its dialog is ended with BYE. */
    private void ackAndByeLateBranch(String branch, ResponseEvent answered) {
        ActivityContextInterface dialogContext = branchDialogs().get(branch);
        Dialog dialog = answered.getDialog() != null ? answered.getDialog() : (Dialog) dialogContext.getActivity();
        sendAck(dialog, answered.getResponse());
        sendBye(dialog);
    }

    private void bridgeMedia() {
        MediaProvider media = media();
        Bridge bridge = media.createBridge();
        media.activityContextInterface(bridge).attach(self());
        setBridge(bridge.id());
        bridge.join(endpoint(getCallerEndpoint()));
        bridge.join(endpoint(getCalleeEndpoint()));
    }

    /** 200 with the caller endpoint's answer; the ACK is due within 64*T1. */
    private void forwardAnswer() {
        Response ok = callerResponse(Response.OK);
        setSdp(ok, endpoint(getCallerEndpoint()).localDescription());
        sip().send(callerInvite(), ok);
        setAckTimer(startTimer(ACK_TIMEOUT));
    }

    private void sendFinal(int code) {
        Response response = callerResponse(code);
        if (code == Response.SERVICE_UNAVAILABLE) {
            // Our own trouble and temporary: RFC 3261 §21.5.4 lets the caller retry after this many seconds.
            response.addHeader(header(factory -> factory.createRetryAfterHeader(5)));
        }
        sip().send(callerInvite(), response);
    }

    private void sendBye(ActivityContextInterface dialogContext) {
        sendBye((Dialog) dialogContext.getActivity());
    }

    private void sendBye(Dialog dialog) {
        try {
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction transaction = sip().newClientTransaction(bye);
            dialog.sendRequest(transaction);
        } catch (SipException e) {
            throw new IllegalStateException("could not send BYE", e);
        }
    }

    /**
     * The leg's endpoint answers the re-INVITE's offer; a re-INVITE without one gets a fresh offer, whose answer
     * comes in the ACK (RFC 3264 §4). An offer the endpoint refuses gets 488 and the session stays as it was
     * (RFC 3261 §14.2).
     */
    private void answerReInvite(RequestEvent event, EndpointId endpointId) {
        Endpoint endpoint = endpoint(endpointId);
        String offer = body(event.getRequest());
        String sdp;
        if (offer.isEmpty()) {
            endpoint.direction(endpoint.direction());
            sdp = endpoint.localDescription();
        } else {
            try {
                sdp = endpoint.answer(offer);
            } catch (SdpException e) {
                respond(event.getServerTransaction(), Response.NOT_ACCEPTABLE_HERE);
                return;
            }
        }
        Response ok = sip().createResponse(Response.OK, event.getRequest());
        ok.addHeader(contactHeader());
        setSdp(ok, sdp);
        sip().send(event.getServerTransaction(), ok);
    }

    private void acceptLateAnswer(EndpointId endpointId, String answer) {
        if (answer.isEmpty() || endpointId == null) {
            return;
        }
        media().endpoint(endpointId).ifPresent(endpoint -> {
            try {
                endpoint.acceptAnswer(answer);
            } catch (SdpException | IllegalStateException e) {
                LOG.log(System.Logger.Level.INFO, "SDP in an ACK refused: {0}", e.getMessage());
            }
        });
    }

    /** Closes the bridge and both endpoints, whatever of them exists; each is idempotent. */
    private void releaseMedia() {
        MediaProvider media = media();
        Optional<Endpoint> caller = Optional.ofNullable(getCallerEndpoint()).flatMap(media::endpoint);
        Optional<Endpoint> callee = Optional.ofNullable(getCalleeEndpoint()).flatMap(media::endpoint);
        if (caller.isPresent() || callee.isPresent()) {
            releasedMedia = new CallRecords.CallMedia(caller.flatMap(e -> codecOf(e.localDescription())),
                    caller.map(Endpoint::stats), callee.map(Endpoint::stats));
        }
        Optional.ofNullable(getBridge()).flatMap(media::bridge).ifPresent(Bridge::close);
        Optional.ofNullable(getCallerEndpoint()).flatMap(media::endpoint).ifPresent(Endpoint::close);
        Optional.ofNullable(getCalleeEndpoint()).flatMap(media::endpoint).ifPresent(Endpoint::close);
    }

    /** The first payload type of the audio answer: what the caller leg actually spoke. */
    static Optional<String> codecOf(String sdp) {
        try {
            var description = SdpParser.parse(sdp);
            return description.media().stream().filter(m -> m.media().equals("audio")).findFirst()
                    .flatMap(m -> m.formats().stream().findFirst().map(format -> {
                        int pt = Integer.parseInt(format);
                        // RFC 3551 static payload types need no rtpmap
                        return m.rtpMap(pt).map(RtpMap::encoding)
                                .orElse(pt == 0 ? "PCMU" : pt == 8 ? "PCMA" : format);
                    }));
        } catch (SdpParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Once the call is over and every branch has its final response, the entity leaves its activities; it stays on
     * the dialogs still up until they end, so a BYE crossing ours is still answered (RFC 3261 §15.1.2).
     */
    private void leaveIfSettled() {
        if (!progress().isSettled()) {
            return;
        }
        for (ActivityContextInterface attached : context().getActivities()) {
            if (attached.getActivity() instanceof Dialog dialog && dialog.getState() != null
                    && dialog.getState() != DialogState.TERMINATED) {
                continue;
            }
            attached.detach(self());
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** Which leg a dialog is: the caller's, a branch's, or none of this call's. */
    private Leg legOf(Dialog dialog) {
        if (dialog == null) {
            return Leg.NONE;
        }
        if (getCallerDialog() != null && getCallerDialog().getActivity() == dialog) {
            return Leg.CALLER;
        }
        return branchDialogs().entrySet().stream()
                .filter(entry -> entry.getValue().getActivity() == dialog)
                .map(entry -> new Leg(false, Optional.of(entry.getKey())))
                .findFirst().orElse(Leg.NONE);
    }

    private record Leg(boolean isCaller, Optional<String> branch) {
        static final Leg CALLER = new Leg(true, Optional.empty());
        static final Leg NONE = new Leg(false, Optional.empty());
    }

    /** The SIP message in hand, for the actions that answer or acknowledge it. */
    private record Trigger(RequestEvent request, ResponseEvent response) {
        static final Trigger NONE = new Trigger(null, null);
    }

    /** A response on the caller's INVITE, in its dialog: the dialog's To tag once a 18x set it, and our Contact. */
    private Response callerResponse(int code) {
        Response response = sip().createResponse(code, callerInvite().getRequest());
        Dialog dialog = getCallerDialog() == null ? null : (Dialog) getCallerDialog().getActivity();
        if (dialog != null && dialog.getLocalTag() != null) {
            try {
                ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(dialog.getLocalTag());
            } catch (ParseException e) {
                throw new IllegalStateException("dialog tag " + dialog.getLocalTag(), e);
            }
        }
        if (code > Response.TRYING && code < Response.MULTIPLE_CHOICES) {
            // RFC 3261 §12.1.1: a dialog-creating response carries the UAS's Contact.
            response.addHeader(contactHeader());
        }
        return response;
    }

    private void sendAck(Dialog dialog, Response answered) {
        try {
            long cseq = ((CSeqHeader) answered.getHeader(CSeqHeader.NAME)).getSeqNumber();
            dialog.sendAck(dialog.createAck(cseq));
        } catch (SipException | InvalidArgumentException e) {
            throw new IllegalStateException("could not ACK a 2xx", e);
        }
    }

    private void respond(ServerTransaction transaction, int code) {
        sip().send(transaction, sip().createResponse(code, transaction.getRequest()));
    }

    /** Answers the INVITE before any call exists and leaves its transaction: the entity then goes. */
    private void refuse(ServerTransaction transaction, ActivityContextInterface aci, int code, String reason) {
        Response response = sip().createResponse(code, transaction.getRequest());
        if (reason != null) {
            try {
                response.setReasonPhrase(reason);
            } catch (ParseException e) {
                throw new IllegalArgumentException("reason phrase " + reason, e);
            }
        }
        sip().send(transaction, response);
        aci.detach(self());
    }

    private TimerID startTimer(Duration after) {
        return context().timerFacility().setTimer(getCallerDialog(), null,
                context().clock().millis() + after.toMillis(), new TimerOptions());
    }

    private void cancelTimer(TimerID timer) {
        if (timer != null) {
            context().timerFacility().cancelTimer(timer);
        }
    }

    private boolean isUnfinished(String branch) {
        return progress().forks().branch(branch).filter(b -> !b.isFinal()).isPresent();
    }

    /** The address a request really came from (not what its Via claims), as the SIP stack received it. */
    private static Optional<InetAddress> sipSource(Request request) {
        return request instanceof SIPRequest sip
                ? Optional.ofNullable(sip.getRemoteAddress()) : Optional.empty();
    }

    /** The host of a SIP URI when it is an IP literal; a name would need a DNS lookup, which no event thread makes. */
    static Optional<InetAddress> hostAddress(URI uri) {
        if (!(uri instanceof SipURI sipUri) || sipUri.getHost() == null) {
            return Optional.empty();
        }
        String host = sipUri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (!host.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !host.contains(":")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean hasAnswered(ServerTransaction transaction) {
        TransactionState state = transaction.getState();
        return state != null && state != TransactionState.TRYING && state != TransactionState.PROCEEDING;
    }

    private CallProgress progress() {
        CallProgress progress = getProgress();
        return progress == null ? CallProgress.idle() : progress;
    }

    private ServerTransaction callerInvite() {
        return (ServerTransaction) getCallerInvite().getActivity();
    }

    private Optional<Endpoint> callerEndpoint() {
        return Optional.ofNullable(getCallerEndpoint()).flatMap(media()::endpoint);
    }

    /** An endpoint the call needs to go on; its absence is a lost endpoint, and the handler rolls back. */
    private Endpoint endpoint(EndpointId id) {
        return Optional.ofNullable(id).flatMap(media()::endpoint)
                .orElseThrow(() -> new IllegalStateException("media endpoint " + id + " is gone"));
    }

    private Map<String, ActivityContextInterface> branchInvites() {
        return getBranchInvites() == null ? Map.of() : getBranchInvites();
    }

    private Map<String, ActivityContextInterface> branchDialogs() {
        return getBranchDialogs() == null ? Map.of() : getBranchDialogs();
    }

    private Map<String, TimerID> cancelGuards() {
        return getCancelGuards() == null ? Map.of() : getCancelGuards();
    }

    private static <V> Map<String, V> without(Map<String, V> map, String key) {
        Map<String, V> copy = new HashMap<>(map);
        copy.remove(key);
        return Map.copyOf(copy);
    }

    private static Map<String, ActivityContextInterface> with(Map<String, ActivityContextInterface> map, String key,
                                                              ActivityContextInterface value) {
        Map<String, ActivityContextInterface> copy = new HashMap<>(map);
        copy.put(key, value);
        return Map.copyOf(copy);
    }

    /** RFC 3261 §8.1.1.7: a branch id starts with the magic cookie and is unique in space and time. */
    private static String newBranchId() {
        return "z9hG4bK-" + UUID.randomUUID();
    }

    private static String newTag() {
        return Long.toHexString(UUID.randomUUID().getMostSignificantBits());
    }

    private static String aor(String user, String domain) {
        return AddressOfRecord.of(user, domain);
    }

    private static String body(Message message) {
        byte[] raw = message.getRawContent();
        return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
    }

    private void setSdp(Message message, String sdp) {
        ContentTypeHeader type = header(factory -> factory.createContentTypeHeader("application", "sdp"));
        try {
            message.setContent(sdp, type);
        } catch (ParseException e) {
            throw new IllegalArgumentException("SDP body", e);
        }
    }

    /** Our Contact: the advertised address and SIP port, so in-dialog requests come back to Parley. */
    private javax.sip.header.ContactHeader contactHeader() {
        SleeSipProvider sip = sip();
        return header(factory -> {
            SipURI uri = sip.addressFactory().createSipURI(null, sip.advertisedAddress());
            uri.setPort(sip.port());
            return factory.createContactHeader(sip.addressFactory().createAddress(uri));
        });
    }

    private URI uri(String text) {
        try {
            return sip().addressFactory().createURI(text);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a URI: " + text, e);
        }
    }

    private Address address(String text) {
        return sip().addressFactory().createAddress(uri(text));
    }

    private Registrar registrar() {
        return context().environment(Registrar.ENVIRONMENT_NAME, Registrar.class);
    }

    private SleeSipProvider sip() {
        return context().resourceAdaptor(SipResourceAdaptor.ENTITY_NAME, SleeSipProvider.class);
    }

    private MediaProvider media() {
        return context().resourceAdaptor(MediaResourceAdaptor.ENTITY_NAME, MediaProvider.class);
    }

    private <T> T header(SipBuilder<T> builder) {
        try {
            return builder.build(sip().headerFactory());
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalArgumentException("cannot build a SIP header or message", e);
        }
    }

    @FunctionalInterface
    private interface SipBuilder<T> {
        T build(HeaderFactory factory) throws ParseException, InvalidArgumentException;
    }
}
