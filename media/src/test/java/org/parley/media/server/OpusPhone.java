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

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;

import org.parley.media.rtp.RtpPacket;
import org.parley.media.rtp.RtpPacketWriter;
import org.parley.media.sdp.SdpParser;

/**
 * A test phone that speaks Opus as a browser would: full band, 48 kHz audio, 20 ms packets under payload type 96,
 * with its own Concentus encoder and decoder (not the server's codec code).
 */
final class OpusPhone implements AutoCloseable {

    static final int RATE = 48000;
    static final int FRAME = RATE / 50;
    static final int PAYLOAD_TYPE = 96;

    /** One received packet. */
    record Received(int payloadType, int sequence, long timestamp, boolean marker, byte[] payload) {
    }

    private final DatagramSocket socket;
    private final Thread receiver;
    private final List<Received> received = new ArrayList<>();
    private final OpusEncoder encoder;
    private final int ssrc = 0x0905;
    private int sequence = 60_000;
    private long timestamp = 4_294_000_000L;
    private InetSocketAddress server;
    private volatile boolean running = true;

    OpusPhone(String address) throws SocketException, OpusException {
        encoder = new OpusEncoder(RATE, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        encoder.setBitrate(32_000);
        socket = new DatagramSocket(new InetSocketAddress(address, 0));
        socket.setSoTimeout(100);
        receiver = new Thread(this::receive, "test-opus-phone-" + socket.getLocalPort());
        receiver.setDaemon(true);
        receiver.start();
    }

    String offer() {
        return "v=0\r\n"
            + "o=browser 1 1 IN IP4 127.0.0.1\r\n"
            + "s=-\r\n"
            + "c=IN IP4 127.0.0.1\r\n"
            + "t=0 0\r\n"
            + "m=audio " + socket.getLocalPort() + " RTP/AVP " + PAYLOAD_TYPE + "\r\n"
            + "a=rtpmap:" + PAYLOAD_TYPE + " opus/48000/2\r\n"
            + "a=fmtp:" + PAYLOAD_TYPE + " minptime=10;useinbandfec=1\r\n"
            + "a=ptime:20\r\n"
            + "a=sendrecv\r\n";
    }

    void answered(String answer) throws Exception {
        var sd = SdpParser.parse(answer);
        var m = sd.media().get(0);
        server = new InetSocketAddress(InetAddress.getByName(sd.addressOf(m).orElseThrow()), m.port());
    }

    /**
     * Encodes 20 ms of 48 kHz audio ahead of sending it: Concentus at 48 kHz is slow enough that encoding inside a
     * paced loop on a busy machine would make the phone, not the server, late.
     */
    byte[] encode(short[] frame) throws OpusException {
        byte[] payload = new byte[1500];
        int n = encoder.encode(frame, 0, FRAME, payload, 0, payload.length);
        return java.util.Arrays.copyOf(payload, n);
    }

    /** Sends one encoded 20 ms packet. */
    void send(byte[] payload) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        RtpPacketWriter.writeHeader(b, false, PAYLOAD_TYPE, sequence, timestamp, ssrc);
        b.put(payload);
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + FRAME) & 0xFFFFFFFFL;
        socket.send(new DatagramPacket(b.array(), b.position(), server));
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
            if (view.wrap(ByteBuffer.wrap(p.getData(), 0, p.getLength()))) {
                byte[] payload = new byte[view.payloadLength()];
                view.copyPayload(payload, 0);
                synchronized (received) {
                    received.add(new Received(view.payloadType(), view.sequenceNumber(), view.timestamp(),
                        view.marker(), payload));
                }
            }
        }
    }

    List<Received> received() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    /** What arrived, decoded at 48 kHz in arrival order (loopback does not reorder). */
    short[] audio() throws OpusException {
        OpusDecoder decoder = new OpusDecoder(RATE, 1);
        List<Received> packets = received();
        short[] pcm = new short[packets.size() * 3 * FRAME];
        int at = 0;
        for (Received r : packets) {
            if (r.payloadType() == PAYLOAD_TYPE) {
                at += decoder.decode(r.payload(), 0, r.payload().length, pcm, at, 3 * FRAME, false);
            }
        }
        return java.util.Arrays.copyOf(pcm, at);
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
