package org.parley.media.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.parley.media.codec.AudioCodec;
import org.parley.media.codec.g711.G711;
import org.parley.media.codec.opus.Opus;

/**
 * Settings of a media server, each with its unit. Defaults are the ones in DESIGN.md; call control overrides them
 * from system properties ({@link #fromSystemProperties()}).
 *
 * @param bindAddress where RTP sockets listen
 * @param advertisedAddress what goes into SDP {@code c=} (a public address behind NAT)
 * @param rtpPortMin lowest RTP port, even (RTCP takes the odd port above each RTP port)
 * @param rtpPortMax highest port of the range, inclusive
 * @param workers media clock threads; about one per core, as the tick work is CPU-bound
 * @param maxEndpoints endpoints accepted before {@code createEndpoint} refuses
 * @param rtpTimeout silence on a receiving stream after which {@code RtpTimeout} is raised
 * @param codecs accepted codecs, in the order we offer them
 * @param recordingQueueFrames 20 ms frames a recording may have waiting for the disk before it drops audio
 * @param rtcpInterval nominal time between RTCP reports; RFC 3550 section 6.2 recommends 5 s as the minimum
 */
public record MediaServerConfig(InetAddress bindAddress, String advertisedAddress, int rtpPortMin, int rtpPortMax,
                                int workers, int maxEndpoints, Duration rtpTimeout, List<AudioCodec> codecs,
                                int recordingQueueFrames, Duration rtcpInterval) {

    public MediaServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(advertisedAddress, "advertisedAddress");
        if (rtpPortMin % 2 != 0 || rtpPortMin < 1024 || rtpPortMax > 65535 || rtpPortMax < rtpPortMin + 1) {
            throw new IllegalArgumentException("RTP port range must start even, above 1023, and hold a pair: "
                + rtpPortMin + "-" + rtpPortMax);
        }
        if (workers < 1 || maxEndpoints < 1 || recordingQueueFrames < 1) {
            throw new IllegalArgumentException("workers, maxEndpoints and recordingQueueFrames must be positive");
        }
        codecs = List.copyOf(codecs);
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("at least one codec");
        }
        Objects.requireNonNull(rtpTimeout, "rtpTimeout");
        Objects.requireNonNull(rtcpInterval, "rtcpInterval");
    }

    /**
     * Loopback, ports 20000-29999, two workers, 2,000 endpoints, 30 s RTP timeout, PCMU, PCMA then Opus (G.711
     * first: it costs a table lookup per sample, Opus a real encoder, and our audio is 8 kHz either way), 2 s of
     * recording queue, RTCP every 5 s.
     */
    public static MediaServerConfig defaults() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        return new MediaServerConfig(loopback, loopback.getHostAddress(), 20000, 29999, 2, 2000,
            Duration.ofSeconds(30), List.of(G711.PCMU, G711.PCMA, Opus.CODEC), 100, Duration.ofSeconds(5));
    }

    public MediaServerConfig withPorts(int min, int max) {
        return new MediaServerConfig(bindAddress, advertisedAddress, min, max, workers, maxEndpoints, rtpTimeout,
            codecs, recordingQueueFrames, rtcpInterval);
    }

    public MediaServerConfig withRtpTimeout(Duration timeout) {
        return new MediaServerConfig(bindAddress, advertisedAddress, rtpPortMin, rtpPortMax, workers, maxEndpoints,
            timeout, codecs, recordingQueueFrames, rtcpInterval);
    }

    public MediaServerConfig withMaxEndpoints(int max) {
        return new MediaServerConfig(bindAddress, advertisedAddress, rtpPortMin, rtpPortMax, workers, max,
            rtpTimeout, codecs, recordingQueueFrames, rtcpInterval);
    }

    public MediaServerConfig withRtcpInterval(Duration interval) {
        return new MediaServerConfig(bindAddress, advertisedAddress, rtpPortMin, rtpPortMax, workers, maxEndpoints,
            rtpTimeout, codecs, recordingQueueFrames, interval);
    }

    public MediaServerConfig withCodecs(List<? extends AudioCodec> offered) {
        return new MediaServerConfig(bindAddress, advertisedAddress, rtpPortMin, rtpPortMax, workers, maxEndpoints,
            rtpTimeout, List.copyOf(offered), recordingQueueFrames, rtcpInterval);
    }

    /** A codec by its SDP encoding name, case-insensitively: {@code PCMU}, {@code PCMA} or {@code opus}. */
    public static AudioCodec codec(String encodingName) {
        String name = encodingName.trim();
        if (name.equalsIgnoreCase(Opus.CODEC.encodingName())) {
            return Opus.CODEC;
        }
        return G711.byEncodingName(name).orElseThrow(() ->
            new IllegalArgumentException("unknown codec \"" + name + "\": PCMU, PCMA or opus"));
    }

    public MediaServerConfig withWorkers(int count) {
        return new MediaServerConfig(bindAddress, advertisedAddress, rtpPortMin, rtpPortMax, count, maxEndpoints,
            rtpTimeout, codecs, recordingQueueFrames, rtcpInterval);
    }

    /**
     * Reads {@code parley.media.bind}, {@code parley.media.advertised}, {@code parley.media.rtp.min},
     * {@code parley.media.rtp.max}, {@code parley.media.workers}, {@code parley.media.maxEndpoints},
     * {@code parley.media.rtpTimeoutSeconds} and {@code parley.media.codecs} (encoding names in offer order, e.g.
     * {@code PCMU,PCMA,opus}), falling back to {@link #defaults()}.
     */
    public static MediaServerConfig fromSystemProperties() throws UnknownHostException {
        MediaServerConfig d = defaults();
        InetAddress bind = InetAddress.getByName(System.getProperty("parley.media.bind",
            d.bindAddress().getHostAddress()));
        return new MediaServerConfig(bind,
            System.getProperty("parley.media.advertised", bind.getHostAddress()),
            Integer.getInteger("parley.media.rtp.min", d.rtpPortMin()),
            Integer.getInteger("parley.media.rtp.max", d.rtpPortMax()),
            Integer.getInteger("parley.media.workers", d.workers()),
            Integer.getInteger("parley.media.maxEndpoints", d.maxEndpoints()),
            Duration.ofSeconds(Integer.getInteger("parley.media.rtpTimeoutSeconds", 30)),
            codecs(System.getProperty("parley.media.codecs"), d.codecs()), d.recordingQueueFrames(), d.rtcpInterval());
    }

    private static List<AudioCodec> codecs(String names, List<AudioCodec> fallback) {
        if (names == null || names.isBlank()) {
            return fallback;
        }
        return java.util.Arrays.stream(names.split(",")).map(MediaServerConfig::codec).toList();
    }
}
