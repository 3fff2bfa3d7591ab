package org.parley.slee.ra.sip;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import javax.sip.ListeningPoint;

import gov.nist.core.net.DefaultNetworkLayer;
import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.ListeningPointImpl;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageProcessor;

/**
 * Bounds what JAIN SIP RI holds of the UDP datagrams it has read but not yet parsed. Its UDP thread reads as fast as
 * the socket delivers and queues each datagram, in a buffer of the stack's maximum message size, for the stack's
 * worker threads, in a queue without a bound (1.3.0-91). Under a flood, or a load the workers cannot keep up with,
 * that queue grows until the heap is gone and the thread dies of {@link OutOfMemoryError}: the SIP benchmark saw it at
 * 2,000 REGISTER/s offered, and with it Parley stops hearing SIP altogether.
 *
 * <p>The stack makes its message processors through a factory named in its properties; the one defined here makes
 * the RI's own and, for UDP, puts a bounded queue in place of the unbounded one <em>before</em> the stack starts the
 * processor's threads. (Putting it into a started processor, as Parley first did, could lose the race with those
 * threads: a worker already waiting on the old queue waits there for ever, and when all of them had, the server's
 * SIP listener never answered — seen once, at the start of a benchmark.) When the queue is full the reader's
 * {@code offer} fails and the datagram is dropped, as the kernel drops one when the socket's buffer is full; the
 * sender retransmits. The queue is reached by reflection because the stack offers no hook for it; a stack version
 * that moved it fails the start loudly rather than leaving the intake unbounded.
 *
 * <p>Each datagram is also held at its own size, not the stack's largest message size: the stack's network layer
 * (its plug-in for making sockets, named in the properties like the factory) gives the listener an
 * {@link ExactDatagramSocket}, and the processor is set to allocate a zero-length buffer per datagram, which that
 * socket replaces with a copy of exactly what arrived.
 */
final class UdpIntake {

    static final String FACTORY = "gov.nist.javax.sip.stack.ParleyMessageProcessorFactory";
    static final String NETWORK_LAYER = "gov.nist.core.net.ParleyNetworkLayer";

    private UdpIntake() {
    }

    /** Names the bounding factory and the exact-datagram network layer in the stack's {@code properties}. */
    static void configure(Properties properties) {
        RiClasses.define(FACTORY, MessageProcessorFactory.class, UdpIntake::createProcessor);
        RiClasses.define(NETWORK_LAYER, NetworkLayer.class, UdpIntake::networkLayer);
        properties.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", FACTORY);
        properties.setProperty("gov.nist.javax.sip.NETWORK_LAYER", NETWORK_LAYER);
    }

    private static Object createProcessor(Object proxy, Method method, Object[] args) throws IOException {
        MessageProcessor processor = new OIOMessageProcessorFactory().createMessageProcessor(
                (SIPTransactionStack) args[0], (InetAddress) args[1], (Integer) args[2], (String) args[3]);
        if (processor instanceof UDPMessageProcessor udp) {
            bound(udp, SipResourceAdaptor.UDP_INTAKE_DATAGRAMS);
            if (readsExactly(udp)) {
                try {
                    field("maxMessageSize").setInt(udp, 0);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot set the SIP stack's UDP buffer size", e);
                }
            }
        }
        return processor;
    }

    /**
     * The stack's network layer: its listening UDP sockets are {@link ExactDatagramSocket}s; every other socket (TCP,
     * TLS, multicast, a client's) is the RI's default.
     */
    private static Object networkLayer(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("createDatagramSocket") && args != null && args.length == 2
                && !((InetAddress) args[1]).isMulticastAddress()) {
            return new ExactDatagramSocket(new InetSocketAddress((InetAddress) args[1], (Integer) args[0]),
                    SipResourceAdaptor.MAX_MESSAGE_BYTES);
        }
        try {
            return method.invoke(DefaultNetworkLayer.SINGLETON, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Whether the listening point reads datagrams at their own size (the processor allocates no buffer of its own). */
    static boolean readsExactDatagrams(ListeningPoint point) {
        UDPMessageProcessor processor = processor(point);
        try {
            return readsExactly(processor) && field("maxMessageSize").getInt(processor) == 0;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read the SIP stack's UDP buffer size", e);
        }
    }

    private static boolean readsExactly(UDPMessageProcessor processor) {
        try {
            return field("sock").get(processor) instanceof ExactDatagramSocket;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read the SIP stack's UDP socket", e);
        }
    }

    /** Puts a queue of at most {@code capacity} datagrams in place of a not yet started processor's own. */
    static void bound(UDPMessageProcessor processor, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the UDP intake needs room for at least one datagram");
        }
        try {
            field("messageQueue").set(processor, new LinkedBlockingQueue<>(capacity));
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
            return (BlockingQueue<?>) field("messageQueue").get(processor(point));
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

    /** A field of the RI's UDP processor; a stack version that renamed it fails loudly. */
    private static Field field(String name) {
        try {
            Field field = UDPMessageProcessor.class.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("this JAIN SIP has no UDPMessageProcessor." + name, e);
        }
    }
}
