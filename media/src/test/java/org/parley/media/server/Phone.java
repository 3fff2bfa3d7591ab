package org.parley.media.server;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.parley.media.codec.dtmf.TelephoneEvent;
import org.parley.media.codec.g711.G711;
import org.parley.media.rtp.RtpPacket;
import org.parley.media.rtp.RtpPacketWriter;
import org.parley.media.sdp.SdpParser;

/** A test phone on a loopback UDP socket: offers SDP, sends G.711 frames or RFC 4733 events, records what arrives. */
final class Phone implements AutoCloseable {

    /** One received packet, kept whole. */
    record Received(int payloadType, int sequence, long timestamp, boolean marker, byte[] payload) {
    }

    private final DatagramSocket socket;
    private final Thread receiver;
    private final List<Received> received = new ArrayList<>();
    private final List<byte[]> rtcp = new ArrayList<>();
    private final int ssrc = 0x5EED;
    private int sequence = 1000;
    private long timestamp = 90_000;
    private InetSocketAddress server;
    private volatile boolean running = true;

    private final G711 law;

    Phone(String address) throws SocketException {
        this(address, G711.PCMU);
    }

    Phone(String address, G711 law) throws SocketException {
        this.law = law;
        socket = new DatagramSocket(new InetSocketAddress(address, 0));
        socket.setSoTimeout(100);
        receiver = new Thread(this::receive, "test-phone-" + socket.getLocalPort());
        receiver.setDaemon(true);
        receiver.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    String offer(boolean telephoneEvents, String direction) {
        return offer(telephoneEvents, direction, "127.0.0.1");
    }

    /** An offer whose {@code c=} names {@code advertised}, not the socket's address: a phone behind NAT. */
    String offer(boolean telephoneEvents, String direction, String advertised) {
        return "v=0\r\n"
            + "o=phone 1 1 IN IP4 " + advertised + "\r\n"
            + "s=-\r\n"
            + "c=IN IP4 " + advertised + "\r\n"
            + "t=0 0\r\n"
            + "m=audio " + port() + " RTP/AVP " + law.payloadType() + (telephoneEvents ? " 101" : "") + "\r\n"
            + "a=rtpmap:" + law.payloadType() + " " + law.encodingName() + "/8000\r\n"
            + (telephoneEvents ? "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n" : "")
            + "a=" + direction + "\r\n";
    }

    /** Reads the server's answer to learn where to send. */
    void answered(String answer) throws Exception {
        var sd = SdpParser.parse(answer);
        var m = sd.media().get(0);
        server = new InetSocketAddress(InetAddress.getByName(sd.addressOf(m).orElseThrow()), m.port());
    }

    void sendAudio(short[] frame) throws IOException {
        byte[] payload = new byte[frame.length];
        law.encode(frame, 0, payload, 0, frame.length);
        send(law.payloadType(), false, timestamp, payload);
        timestamp += frame.length;
    }

    void sendEvent(TelephoneEvent event, boolean marker, long eventTimestamp) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4);
        event.encode(b);
        send(101, marker, eventTimestamp, b.array());
    }

    /** Sends an RFC 3389 comfort-noise packet at the current timestamp: the phone falls silent at this level. */
    void sendComfortNoise(int minusDbov) throws IOException {
        send(13, false, timestamp, new byte[] {(byte) minusDbov});
    }

    long timestamp() {
        return timestamp;
    }

    void skip(int samples) {
        timestamp += samples;
    }

    private void send(int pt, boolean marker, long ts, byte[] payload) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        RtpPacketWriter.writeHeader(b, marker, pt, sequence, ts, ssrc);
        b.put(payload);
        sequence = (sequence + 1) & 0xFFFF;
        socket.send(new DatagramPacket(b.array(), b.position(), server));
    }

    /** Sends raw bytes to a port from this phone's socket. */
    void sendRaw(byte[] bytes, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    InetSocketAddress server() {
        return server;
    }

    private void receive() {
        byte[] buffer = new byte[2048];
        RtpPacket view = new RtpPacket();
        while (running) {
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            ByteBuffer b = ByteBuffer.wrap(p.getData(), 0, p.getLength());
            int second = p.getLength() > 1 ? p.getData()[1] & 0xFF : 0;
            if (second >= 200 && second <= 204) {
                synchronized (received) {
                    rtcp.add(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                }
            } else if (view.wrap(b)) {
                byte[] payload = new byte[view.payloadLength()];
                view.copyPayload(payload, 0);
                synchronized (received) {
                    received.add(new Received(view.payloadType(), view.sequenceNumber(), view.timestamp(),
                        view.marker(), payload));
                }
            }
        }
    }

    List<byte[]> rtcp() {
        synchronized (received) {
            return new ArrayList<>(rtcp);
        }
    }

    /** Sends one PCMU frame with explicit header fields, for tests that drop and delay packets. */
    void sendAudioAt(int seq, long ts, short[] frame) throws IOException {
        byte[] payload = new byte[frame.length];
        law.encode(frame, 0, payload, 0, frame.length);
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        RtpPacketWriter.writeHeader(b, false, law.payloadType(), seq, ts, ssrc);
        b.put(payload);
        socket.send(new DatagramPacket(b.array(), b.position(), server));
    }

    List<Received> received() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    /** The audio received so far, decoded, in arrival order (loopback does not reorder). */
    short[] audio() {
        List<Received> packets = received();
        packets.removeIf(r -> r.payloadType() != law.payloadType());
        short[] pcm = new short[packets.stream().mapToInt(r -> r.payload().length).sum()];
        int at = 0;
        for (Received r : packets) {
            law.decode(r.payload(), 0, pcm, at, r.payload().length);
            at += r.payload().length;
        }
        return pcm;
    }

    @Override
    public void close() {
        running = false;
        socket.close();
        try {
            receiver.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
