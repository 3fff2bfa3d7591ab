package org.parley.media.server;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.parley.media.control.Bridge;
import org.parley.media.control.BridgeId;
import org.parley.media.control.BridgeListener;
import org.parley.media.control.Endpoint;
import org.parley.media.control.EndpointId;
import org.parley.media.control.RecordingRequest;
import org.parley.media.pipeline.AudioFormat;
import org.parley.media.pipeline.Mixer;
import org.parley.media.pipeline.WavRecorder;

/**
 * A bridge or conference: on each tick it takes every member's received audio, mixes it so each hears the others,
 * sends each its mix, and feeds the bridge recording. Members are endpoints of the same server; while in a bridge,
 * an endpoint is ticked by the bridge rather than on its own.
 */
final class MixingBridge implements Bridge, MediaClock.Task {

    private record Member(RtpEndpoint endpoint, Mixer.Participant participant) {
    }

    private final BridgeId id = BridgeId.random();
    private final RtpMediaServer server;
    private final BridgeListener listener;
    private final Mixer mixer = new Mixer();
    private final List<Member> members = new CopyOnWriteArrayList<>();
    /** What {@link #tick()} iterates: replaced on join and leave, so the tick allocates nothing. */
    private volatile Member[] snapshot = new Member[0];
    private final MediaClock.Registration registration;
    private final short[] mono = new short[AudioFormat.FRAME_SAMPLES];
    private final short[] silence = new short[AudioFormat.FRAME_SAMPLES];
    private volatile WavRecorder recorder;
    private volatile boolean recorderStereo;
    private volatile boolean closed;

    MixingBridge(RtpMediaServer server, BridgeListener listener) {
        this.server = server;
        this.listener = listener;
        this.registration = server.mediaClock().register(this);
    }

    @Override
    public BridgeId id() {
        return id;
    }

    @Override
    public void join(Endpoint endpoint) {
        RtpEndpoint e = own(endpoint);
        MixingBridge previous = e.bridge();
        if (previous == this) {
            return;
        }
        if (previous != null) {
            previous.leave(e);
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("bridge " + id + " is closed");
            }
            Mixer.Participant p = mixer.add();
            members.add(new Member(e, p));
            snapshot = members.toArray(Member[]::new);
            e.joined(this);
        }
    }

    @Override
    public void leave(Endpoint endpoint) {
        synchronized (this) {
            for (Member m : members) {
                if (m.endpoint() == endpoint) {
                    members.remove(m);
                    mixer.remove(m.participant());
                    m.endpoint().left(this);
                }
            }
            snapshot = members.toArray(Member[]::new);
        }
    }

    @Override
    public Set<EndpointId> participants() {
        Set<EndpointId> ids = new LinkedHashSet<>();
        for (Member m : members) {
            ids.add(m.endpoint().id());
        }
        return ids;
    }

    @Override
    public void mute(Endpoint endpoint, boolean muted) {
        member(endpoint).participant().mute(muted);
    }

    @Override
    public void gain(Endpoint endpoint, double decibels) {
        member(endpoint).participant().gain(decibels);
    }

    @Override
    public void record(RecordingRequest request, Endpoint reportTo) {
        RtpEndpoint events = own(reportTo);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("bridge " + id + " is closed");
            }
            stopRecording();
            recorderStereo = request.layout() == RecordingRequest.Layout.STEREO_SPLIT;
            recorder = new WavRecorder(request.file(), recorderStereo ? 2 : 1,
                server.config().recordingQueueFrames(), server.io(), events.recordingListener(events));
        }
    }

    @Override
    public synchronized void stopRecording() {
        WavRecorder r = recorder;
        if (r != null) {
            recorder = null;
            r.close();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stopRecording();
            for (Member m : members) {
                mixer.remove(m.participant());
                m.endpoint().left(this);
            }
            members.clear();
            snapshot = new Member[0];
        }
        registration.cancel();
        server.released(this);
        server.deliverClosed(listener, id);
    }

    /** Re-sends an RFC 4733 digit received on one leg to the others, held as long as its sender held it. */
    void relayDigit(RtpEndpoint from, char digit, Duration held) {
        for (Member m : members) {
            if (m.endpoint() != from && !m.endpoint().isClosed()) {
                m.endpoint().sendDtmf(digit, held);
            }
        }
    }

    @Override
    public void tick() {
        if (closed) {
            return;
        }
        // A member joining mid-tick waits for the next one.
        Member[] snapshot = this.snapshot;
        short[] first = silence;
        short[] second = silence;
        int heard = 0;
        for (int k = 0; k < snapshot.length; k++) {
            Member m = snapshot[k];
            short[] in = m.endpoint().bridgeInbound();
            if (m.endpoint().heardThisTick()) {
                heard++;
            }
            System.arraycopy(in, 0, m.participant().input(), 0, in.length);
            m.participant().inputReady();
            if (k == 0) {
                first = in;
            } else if (k == 1) {
                second = in;
            }
        }
        WavRecorder r = recorder;
        if (r != null) {
            if (recorderStereo) {
                r.write(first, second);
            } else {
                java.util.Arrays.fill(mono, (short) 0);
                for (Member m : snapshot) {
                    short[] in = m.participant().input();
                    for (int i = 0; i < mono.length; i++) {
                        mono[i] = AudioFormat.clamp(mono[i] + in[i]);
                    }
                }
                r.write(mono, null);
            }
        }
        mixer.mix();
        for (Member m : snapshot) {
            // Were any of the others heard (the ones this member's mix is made of)?
            int others = heard - (m.endpoint().heardThisTick() ? 1 : 0);
            m.endpoint().bridgeOutbound(m.participant().output(), others > 0);
        }
    }

    private Member member(Endpoint endpoint) {
        for (Member m : members) {
            if (m.endpoint() == endpoint) {
                return m;
            }
        }
        throw new IllegalArgumentException("endpoint " + endpoint.id() + " is not in bridge " + id);
    }

    private RtpEndpoint own(Endpoint endpoint) {
        if (endpoint instanceof RtpEndpoint e && server.owns(e)) {
            return e;
        }
        throw new IllegalArgumentException("endpoint " + endpoint.id() + " belongs to another media server");
    }
}
