package org.parley.slee.ra.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * Asks a SIP listener whether it still answers: an OPTIONS over UDP and another over TCP must each get a SIP response
 * back (503 counts: the stack's receive threads are alive). Over TCP a whole request, not only a connect: the kernel
 * completes a connection on a listening socket whether or not the stack still accepts and reads, so only an answer
 * shows the stack's TCP side alive. The notes saw JAIN SIP's UDP thread
 * die of an OutOfMemoryError while the process lived on deaf; a probe through the socket is what notices that,
 * since the stack's objects look as healthy as before.
 */
public final class SipListenerProbe {

    private SipListenerProbe() {
    }

    /** Null when the listener answered on both transports, else what failed. */
    public static String problem(String host, int port, Duration timeout) {
        try {
            InetAddress address = InetAddress.getByName(host);
            if (!answersUdp(address, port, timeout)) {
                return "no answer to OPTIONS over UDP within " + timeout.toMillis() + " ms";
            }
            if (!answersTcp(address, port, timeout)) {
                return "no answer to OPTIONS over TCP within " + timeout.toMillis() + " ms";
            }
            return null;
        } catch (IOException e) {
            return "SIP listener unreachable: " + e.getClass().getSimpleName();
        }
    }

    private static boolean answersUdp(InetAddress address, int port, Duration timeout) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, address)) {
            socket.setSoTimeout((int) timeout.toMillis());
            byte[] bytes = options("UDP", address, port, socket.getLocalPort());
            socket.send(new DatagramPacket(bytes, bytes.length, address, port));
            byte[] buffer = new byte[4096];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(reply);
            } catch (SocketTimeoutException e) {
                return false;
            }
            return new String(buffer, 0, reply.getLength(), StandardCharsets.US_ASCII).startsWith("SIP/2.0 ");
        }
    }

    private static boolean answersTcp(InetAddress address, int port, Duration timeout) throws IOException {
        try (Socket tcp = new Socket()) {
            tcp.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
            tcp.setSoTimeout((int) timeout.toMillis());
            tcp.getOutputStream().write(options("TCP", address, port, tcp.getLocalPort()));
            tcp.getOutputStream().flush();
            // The status line is all we need: "SIP/2.0 " and a code.
            byte[] status = new byte[12];
            int read = 0;
            try {
                while (read < status.length) {
                    int n = tcp.getInputStream().read(status, read, status.length - read);
                    if (n < 0) {
                        return false;
                    }
                    read += n;
                }
            } catch (SocketTimeoutException e) {
                return false;
            }
            return new String(status, StandardCharsets.US_ASCII).startsWith("SIP/2.0 ");
        }
    }

    private static byte[] options(String transport, InetAddress address, int port, int localPort) {
        String branch = "z9hG4bK-probe-" + UUID.randomUUID();
        String target = address.getHostAddress() + ":" + port;
        String local = address.getHostAddress() + ":" + localPort;
        return ("OPTIONS sip:" + target + (transport.equals("TCP") ? ";transport=tcp" : "") + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " " + local + ";branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:health@" + local + ">;tag=" + Integer.toHexString(branch.hashCode()) + "\r\n"
                + "To: <sip:health@" + target + ">\r\n"
                + "Call-ID: " + branch + "@" + address.getHostAddress() + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
