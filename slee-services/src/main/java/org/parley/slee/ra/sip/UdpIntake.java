package org.parley.slee.ra.sip;

import java.lang.reflect.Field;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import javax.sip.ListeningPoint;

import gov.nist.javax.sip.ListeningPointImpl;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.UDPMessageProcessor;

/**
 * Bounds what JAIN SIP RI holds of the UDP datagrams it has read but not yet parsed. Its UDP thread reads as fast as
 * the socket delivers and queues each datagram, in a buffer of the stack's maximum message size, for the stack's
 * worker threads, in a queue without a bound (1.3.0-91). Under a flood, or a load the workers cannot keep up with,
 * that queue grows until the heap is gone and the thread dies of {@link OutOfMemoryError}: the SIP benchmark saw it at
 * 2,000 REGISTER/s offered, and with it Parley stops hearing SIP altogether.
 *
 * <p>The stack takes the queue from its field on every read and write, so a bounded queue put there before traffic
 * flows takes its place. When it is full the reader's {@code offer} fails and the datagram is dropped, as the kernel
 * drops one when the socket's buffer is full; the sender retransmits. The queue is reached by reflection because the
 * stack offers no hook for it; {@link #bound} fails loudly if a new stack version moved it, rather than leaving the
 * intake unbounded.
 */
final class UdpIntake {

    private UdpIntake() {
    }

    /** Puts a queue of at most {@code capacity} datagrams in place of the UDP listening point's own. */
    static void bound(ListeningPoint point, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the UDP intake needs room for at least one datagram");
        }
        try {
            queueField().set(processor(point), new LinkedBlockingQueue<>(capacity));
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalStateException("cannot bound the SIP stack's UDP queue", e);
        }
    }

    /** How many datagrams the listening point's queue holds at most ({@link Integer#MAX_VALUE} if unbounded). */
    static int capacity(ListeningPoint point) {
        BlockingQueue<?> queue = queue(point);
        return queue.size() + queue.remainingCapacity();
    }

    private static BlockingQueue<?> queue(ListeningPoint point) {
        try {
            return (BlockingQueue<?>) queueField().get(processor(point));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read the SIP stack's UDP queue", e);
        }
    }

    private static UDPMessageProcessor processor(ListeningPoint point) {
        MessageProcessor processor = ((ListeningPointImpl) point).getMessageProcessor();
        if (!(processor instanceof UDPMessageProcessor udp)) {
            throw new IllegalArgumentException(point.getTransport() + " listening point has no UDP queue");
        }
        return udp;
    }

    private static Field queueField() {
        try {
            Field field = UDPMessageProcessor.class.getDeclaredField("messageQueue");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("this JAIN SIP has no UDPMessageProcessor.messageQueue", e);
        }
    }
}
