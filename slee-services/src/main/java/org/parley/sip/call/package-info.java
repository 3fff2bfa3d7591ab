/**
 * A call between two extensions as a B2BUA, in plain Java: the call's lifecycle as an explicit transition table
 * ({@link org.parley.sip.call.CallStateMachine}), the branches it forks to, the final response the caller gets and
 * the call record — immutable values the call SBB keeps in CMP fields while it feeds SIP, media and timer events in
 * and carries the resulting actions out. Digest authentication (the 407 challenge) happens before a call exists.
 */
package org.parley.sip.call;
