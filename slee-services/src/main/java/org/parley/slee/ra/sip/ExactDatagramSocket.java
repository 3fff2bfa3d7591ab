package org.parley.slee.ra.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Arrays;

/**
 * The SIP listener's UDP socket: it reads every datagram into one buffer of its own and hands the caller's packet a
 * copy of exactly the datagram's bytes, whatever buffer the caller gave it.
 *
 * <p>JAIN SIP RI's UDP thread allocates a fresh buffer of the stack's largest message size (16 KB here) for every
 * datagram it reads. A SIP datagram is mostly under 1.5 KB, so nine tenths of that was garbage at once: in the SIP
 * benchmark's allocation profile it was the largest single source, 14 % of all the server allocated during call
 * setups (ten datagrams a call), and the allocation rate is what sets how often the young generation is collected.
 * {@link UdpIntake} gives the RI's processor a zero-length buffer to allocate instead and this socket to read with.
 *
 * <p>A datagram longer than the buffer is cut to it, as the RI's own buffer cut it. One thread receives at a time.
 */
final class ExactDatagramSocket extends DatagramSocket {

    private final byte[] buffer;
    private final DatagramPacket into;

    /** Bound to {@code local}; datagrams up to {@code maxBytes} are taken whole. */
    ExactDatagramSocket(SocketAddress local, int maxBytes) throws SocketException {
        super(local);
        if (maxBytes < 1) {
            throw new IllegalArgumentException("a SIP datagram needs room for at least one byte");
        }
        this.buffer = new byte[maxBytes];
        this.into = new DatagramPacket(buffer, maxBytes);
    }

    /**
     * Receives the next datagram into {@code packet}: its data becomes a new array holding exactly the datagram (its
     * offset 0, its length the datagram's), and its address the sender's.
     */
    @Override
    public void receive(DatagramPacket packet) throws IOException {
        synchronized (into) {
            into.setData(buffer);
            super.receive(into);
            packet.setData(Arrays.copyOf(buffer, into.getLength()));
            packet.setSocketAddress(into.getSocketAddress());
        }
    }
}
