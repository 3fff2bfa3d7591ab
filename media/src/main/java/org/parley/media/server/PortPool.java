package org.parley.media.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.BitSet;

import org.parley.media.control.CapacityExhaustedException;

/**
 * Hands out RTP/RTCP port pairs from the configured range: an even RTP port and the odd port above it
 * (RFC 3550 section 11), bound as non-blocking UDP channels. A port some other process holds is skipped. Ports are
 * handed out round-robin so a port just released is not reused at once, while stray packets of the old call may
 * still arrive.
 */
final class PortPool {

    /** Two bound channels: RTP on an even port, RTCP on the next. */
    record Pair(int rtpPort, DatagramChannel rtp, DatagramChannel rtcp) {
    }

    private final InetAddress bind;
    private final int min;
    private final int pairs;
    private final BitSet used;
    private int next;

    PortPool(InetAddress bind, int min, int max) {
        this.bind = bind;
        this.min = min;
        this.pairs = (max - min + 1) / 2;
        this.used = new BitSet(pairs);
    }

    synchronized Pair allocate() {
        for (int tried = 0; tried < pairs; tried++) {
            int index = next;
            next = (next + 1) % pairs;
            if (used.get(index)) {
                continue;
            }
            int port = min + 2 * index;
            DatagramChannel rtp = null;
            try {
                rtp = open(port);
                DatagramChannel rtcp = open(port + 1);
                used.set(index);
                return new Pair(port, rtp, rtcp);
            } catch (IOException e) {
                closeQuietly(rtp);
            }
        }
        throw new CapacityExhaustedException("no free RTP port pair in " + min + "-" + (min + 2 * pairs - 1));
    }

    synchronized void release(int rtpPort) {
        used.clear((rtpPort - min) / 2);
    }

    synchronized int inUse() {
        return used.cardinality();
    }

    private DatagramChannel open(int port) throws IOException {
        DatagramChannel channel = DatagramChannel.open(bind instanceof java.net.Inet6Address
            ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.bind(new InetSocketAddress(bind, port));
            channel.configureBlocking(false);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    static void closeQuietly(DatagramChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing a UDP socket has nothing to flush; nothing is lost.
            }
        }
    }
}
