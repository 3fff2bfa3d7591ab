package org.parley.slee.ra.sip;

import java.util.concurrent.CompletionStage;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.Transaction;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** What SBBs get from the SIP adaptor: the factories, and activities created on their behalf. */
public interface SleeSipProvider {

    AddressFactory addressFactory();

    HeaderFactory headerFactory();

    MessageFactory messageFactory();

    /** A response to {@code request} with a To tag added when it has none (RFC 3261 §8.2.6.2). */
    Response createResponse(int statusCode, Request request);

    /**
     * Sends a response on a server transaction; a transport failure or a transaction that already answered is
     * reported as {@link IllegalStateException}, so the handler rolls back and the adaptor's safety net answers.
     */
    void send(ServerTransaction transaction, Response response);

    /** A client transaction for {@code request}, started as an activity; the caller attaches and sends. */
    ClientTransaction newClientTransaction(Request request);

    /** The dialog of a transaction, started as an activity (JAIN SIP's automatic dialog support is off). */
    Dialog newDialog(Transaction transaction);

    /**
     * Defers the final response of {@code transaction} until {@code work} completes, then fires a
     * {@link Resumption} on the transaction's activity. Until then the adaptor's "nobody answered" safety net
     * leaves the request alone; if the SLEE is saturated when the work completes, the adaptor answers 503.
     */
    void resumeWhen(ServerTransaction transaction, CompletionStage<?> work);

    /**
     * Tells the adaptor that the SBB answers {@code transaction} later, from another event: a B2BUA's INVITE waits
     * for the callee's answer with no provisional response to send yet. The adaptor's "nobody answered" safety net
     * then leaves the request alone, so the SBB must answer it on every path; a handler that throws still gets 500,
     * and if the handler rolls back the request is the safety net's again.
     */
    void answerLater(ServerTransaction transaction);

    /** The address Via sent-by, Contact and Record-Route name: the configured advertised address. */
    String advertisedAddress();

    /** The port the adaptor listens on, for every transport (the bound one when the configuration said 0). */
    int port();

    /** True while the stack runs and holds its listening points. */
    boolean isListening();
}
