package org.parley.slee.ra.media;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.parley.media.codec.dtmf.TelephoneEvent;
import org.parley.media.codec.dtmf.TelephoneEventSender;
import org.parley.media.codec.g711.G711;
import org.parley.media.rtp.RtpPacketWriter;
import org.parley.media.sdp.MediaDescription;
import org.parley.media.sdp.SdpParser;
import org.parley.media.sdp.SessionDescription;

/**
 * A phone on a loopback UDP channel, as far as the media adaptor's tests need one: it offers PCMU with RFC 4733
 * telephone-events, talks (20 ms frames of PCMU silence, so the media server hears a live peer) and presses keys as
 * real telephone-event packets. It never reads what the server sends.
 */
final class TestPhone implements AutoCloseable {

    private static final int TELEPHONE_EVENT = 101;
    private static final int FRAME = 160;
    private static final byte[] SILENCE = silence();

    private final DatagramChannel channel;
    private final ScheduledExecutorService clock;
    private final int ssrc = 0x5EED;
    private int sequence = 1000;
    private long timestamp = 90_000;
    private InetSocketAddress server;
    private ScheduledFuture<?> talking;

    TestPhone() throws IOException {
        channel = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "test-phone-" + port());
            t.setDaemon(true);
            return t;
        });
    }

    int port() {
        return ((InetSocketAddress) channel.socket().getLocalSocketAddress()).getPort();
    }

    String offer() {
        return "v=0\r\n"
                + "o=phone 1 1 IN IP4 127.0.0.1\r\n"
                + "s=-\r\n"
                + "c=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\n"
                + "m=audio " + port() + " RTP/AVP 0 " + TELEPHONE_EVENT + "\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:" + TELEPHONE_EVENT + " telephone-event/8000\r\n"
                + "a=fmtp:" + TELEPHONE_EVENT + " 0-15\r\n"
                + "a=sendrecv\r\n";
    }

    /** Learns from the media server's answer where to send. */
    synchronized void answered(String answer) throws Exception {
        SessionDescription description = SdpParser.parse(answer);
        MediaDescription audio = description.media().get(0);
        server = new InetSocketAddress(InetAddress.getByName(description.addressOf(audio).orElseThrow()),
                audio.port());
    }

    /** Sends a frame of silence every 20 ms until {@link #stopTalking()}. */
    synchronized void startTalking() {
        talking = clock.scheduleAtFixedRate(() -> {
            try {
                send(0, false, nextAudioTimestamp(), SILENCE);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
    }

    synchronized void stopTalking() {
        if (talking != null) {
            talking.cancel(false);
            talking = null;
        }
    }

    /**
     * Presses a key for 100 ms: RFC 4733 packets every 20 ms sharing the event's start timestamp, the last ones
     * marking the end, paced like a phone would send them.
     */
    void press(char digit) throws IOException {
        TelephoneEventSender sender = new TelephoneEventSender(digit, 800, FRAME);
        long start = nextAudioTimestamp();
        long next = System.nanoTime();
        boolean first = true;
        while (!sender.finished()) {
            ByteBuffer payload = ByteBuffer.allocate(TelephoneEvent.LENGTH);
            sender.next().encode(payload);
            send(TELEPHONE_EVENT, first, start, payload.array());
            first = false;
            next += 20_000_000L;
            LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
        }
    }

    private synchronized long nextAudioTimestamp() {
        long now = timestamp;
        timestamp += FRAME;
        return now;
    }

    private synchronized void send(int payloadType, boolean marker, long rtpTimestamp, byte[] payload)
            throws IOException {
        ByteBuffer packet = ByteBuffer.allocate(12 + payload.length);
        RtpPacketWriter.writeHeader(packet, marker, payloadType, sequence, rtpTimestamp, ssrc);
        packet.put(payload).flip();
        sequence = (sequence + 1) & 0xFFFF;
        channel.send(packet, server);
    }

    private static byte[] silence() {
        byte[] frame = new byte[FRAME];
        G711.PCMU.encode(new short[FRAME], 0, frame, 0, FRAME);
        return frame;
    }

    @Override
    public void close() throws IOException {
        stopTalking();
        clock.shutdownNow();
        channel.close();
    }
}
