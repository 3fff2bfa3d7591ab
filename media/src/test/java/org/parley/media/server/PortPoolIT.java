package org.parley.media.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.parley.media.control.CapacityExhaustedException;

class PortPoolIT {

    @Test
    void handsOutEvenRtpAndOddRtcpPortsSkippingBusyOnesAndReusingReleasedOnes() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        int base = 46000 + 2 * ThreadLocalRandom.current().nextInt(2000);
        try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress(lo, base + 3))) {
            assertTrue(squatter.isBound());
            PortPool pool = new PortPool(lo, base, base + 5);
            PortPool.Pair first = pool.allocate();
            assertEquals(base, first.rtpPort());
            assertEquals(base + 1, ((InetSocketAddress) first.rtcp().getLocalAddress()).getPort());
            // base+2/base+3 is taken by another process: skipped.
            PortPool.Pair second = pool.allocate();
            assertEquals(base + 4, second.rtpPort());
            assertEquals(2, pool.inUse());
            assertThrows(CapacityExhaustedException.class, pool::allocate);

            first.rtp().close();
            first.rtcp().close();
            pool.release(first.rtpPort());
            PortPool.Pair again = pool.allocate();
            assertEquals(base, again.rtpPort());
            assertTrue(again.rtp().isOpen());
            again.rtp().close();
            again.rtcp().close();
            second.rtp().close();
            second.rtcp().close();
        }
    }
}
