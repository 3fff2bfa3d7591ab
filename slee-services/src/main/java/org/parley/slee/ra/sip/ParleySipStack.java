package org.parley.slee.ra.sip;

import java.util.Properties;

import javax.sip.PeerUnavailableException;

import gov.nist.javax.sip.SIPConstants;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.ServerResponseInterface;

/**
 * JAIN SIP RI's stack with one change: a response that no client transaction is waiting for is passed on without
 * first being compared with every client transaction there is.
 *
 * <p>RFC 3261 §17.1.3 matches a response to a client transaction by its top Via's branch and its CSeq method, and
 * the RI keys its client transactions by exactly that (the lower-cased branch, with the method for CANCEL), so when a
 * response carries a branch with the RFC 3261 magic cookie and the lookup by that key finds nothing, no transaction
 * can match it. The RI 1.3.0-91 nevertheless then asks every client transaction in its table whether the response is
 * theirs, lower-casing strings at each. The responses that get there are those whose transaction has ended, such as
 * a callee's retransmitted 200 OK to INVITE (the INVITE transaction ended with the first; the dialog answers them with
 * the ACK again), and they multiply when the server falls behind: in a 250 call setups/s step that overloaded the
 * benchmark's server the search took 10 % of its CPU samples, with thousands of transactions in the table, and so
 * fed the overload that caused it.
 * Responses whose branch lacks the cookie (RFC 2543 peers) still get the RI's search, which is how they are matched.
 */
final class ParleySipStack extends SipStackImpl {

    ParleySipStack(Properties properties) throws PeerUnavailableException {
        super(properties);
    }

    @Override
    public ServerResponseInterface newSIPServerResponse(SIPResponse response, MessageChannel channel) {
        String id = response.getTransactionId();
        if (id != null && id.startsWith(SIPConstants.BRANCH_MAGIC_COOKIE_LOWER_CASE) && sipMessageValves.isEmpty()
                && findTransaction(id, false) == null) {
            return sipMessageFactory.newSIPServerResponse(response, channel);
        }
        return super.newSIPServerResponse(response, channel);
    }
}
