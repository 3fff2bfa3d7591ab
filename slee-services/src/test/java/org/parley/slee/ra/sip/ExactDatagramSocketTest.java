package org.parley.slee.ra.sip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ExactDatagramSocketTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void eachDatagramArrivesInAnArrayOfExactlyItsOwnBytesWithItsSender() throws Exception {
        try (ExactDatagramSocket socket = new ExactDatagramSocket(new InetSocketAddress(LOOPBACK, 0), 16 * 1024);
                DatagramSocket sender = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            socket.setSoTimeout(5000);
            byte[][] sent = {datagram(1400, 'a'), datagram(1, 'b'), datagram(9000, 'c'), datagram(300, 'd')};
            for (byte[] d : sent) {
                sender.send(new DatagramPacket(d, d.length, socket.getLocalSocketAddress()));
            }
            for (byte[] d : sent) {
                // As the RI's UDP thread asks once its own buffer is set to nothing.
                DatagramPacket packet = new DatagramPacket(new byte[0], 0);
                socket.receive(packet);
                assertEquals(0, packet.getOffset());
                assertEquals(d.length, packet.getLength());
                assertArrayEquals(d, packet.getData(), "a datagram of " + d.length + " bytes");
                assertEquals(sender.getLocalSocketAddress(), packet.getSocketAddress());
            }
        }
    }

    @Test
    void aDatagramLongerThanTheLargestMessageIsCutToIt() throws Exception {
        try (ExactDatagramSocket socket = new ExactDatagramSocket(new InetSocketAddress(LOOPBACK, 0), 1024);
                DatagramSocket sender = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            socket.setSoTimeout(5000);
            byte[] large = datagram(4000, 'x');
            sender.send(new DatagramPacket(large, large.length, socket.getLocalSocketAddress()));
            DatagramPacket packet = new DatagramPacket(new byte[0], 0);
            socket.receive(packet);
            assertArrayEquals(Arrays.copyOf(large, 1024), packet.getData());
        }
    }

    @Test
    void aSocketWithoutRoomIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new ExactDatagramSocket(new InetSocketAddress(LOOPBACK, 0), 0));
    }

    private static byte[] datagram(int length, char fill) {
        byte[] d = new byte[length];
        for (int i = 0; i < length; i++) {
            d[i] = (byte) (fill + i % 7);
        }
        return d;
    }
}
