package org.parley.slee.ra.media;

import java.time.Duration;
import java.util.Optional;

import javax.slee.ActivityContextInterface;
import javax.slee.ActivityEndEvent;
import javax.slee.RolledBackContext;

import org.parley.media.control.Bridge;
import org.parley.media.control.DigitCollection;
import org.parley.media.control.Endpoint;
import org.parley.media.control.MediaEvent;
import org.parley.media.control.PlayRequest;
import org.parley.media.control.RecordingRequest;
import org.parley.media.control.ToneKind;
import org.parley.media.sdp.SdpException;
import org.parley.slee.ra.media.CallerAdaptor.Dial;
import org.parley.slee.runtime.BaseSbb;

/**
 * The test SBB: answers a dialled leg with a media endpoint, attaches to it (and to a bridge, if the plan says so)
 * and writes every media event it gets on the {@link Switchboard}, under the activity it came on. A complete digit
 * entry is confirmed with a beep; the '*' key makes its handler throw; '#' makes it close the endpoint.
 */
public abstract class MediaCallSbb extends BaseSbb {

    public void onDial(Dial dial, ActivityContextInterface aci) throws SdpException {
        MediaProvider media = media();
        if (dial.plan() == CallerAdaptor.Plan.FAIL_AFTER_CREATING) {
            switchboard().created(dial.leg(), media.createEndpoint().id());
            throw new IllegalStateException("handler failure on purpose, after creating an endpoint");
        }
        AnsweredEndpoint answered = media.answer(dial.offer());
        Endpoint endpoint = answered.endpoint();
        media.activityContextInterface(endpoint).attach(self());
        switch (dial.plan()) {
            case COLLECT -> endpoint.collectDigits(new DigitCollection(3, Optional.empty(), Duration.ofSeconds(60),
                    Duration.ofSeconds(60)));
            case RECORD -> endpoint.record(new RecordingRequest(dial.recording(), RecordingRequest.Layout.MONO_MIX));
            case BRIDGE -> {
                Bridge bridge = media.createBridge();
                media.activityContextInterface(bridge).attach(self());
                bridge.join(endpoint);
                switchboard().bridged(dial.leg(), bridge);
            }
            default -> {
                // answering is all
            }
        }
        switchboard().answered(dial.leg(), answered);
    }

    public void onDigitReceived(MediaEvent.DigitReceived digit, ActivityContextInterface aci) {
        if (digit.digit() == '*') {
            throw new IllegalStateException("handler failure on purpose");
        }
        if (digit.digit() == '#') {
            ((Endpoint) aci.getActivity()).close();
            return;
        }
        log(digit, aci, "digit " + digit.digit());
    }

    public void onMediaEvent(MediaEvent event, ActivityContextInterface aci) {
        String line;
        if (event instanceof MediaEvent.PlayCompleted done) {
            line = done.stopped() ? "play stopped" : "play done";
        } else if (event instanceof MediaEvent.DigitsCollected collected) {
            // What an IVR does with a complete entry: confirm it with a beep.
            ((Endpoint) aci.getActivity()).play(PlayRequest.of(new PlayRequest.Tone(ToneKind.BEEP,
                    Duration.ofMillis(100))));
            line = "collected " + collected.digits() + " " + collected.end();
        } else if (event instanceof MediaEvent.RtpTimeout) {
            line = "rtp timeout";
        } else if (event instanceof MediaEvent.RecordingCompleted recorded) {
            line = "recorded " + recorded.path().getFileName();
        } else {
            line = event.getClass().getSimpleName();
        }
        log(event, aci, line);
    }

    public void onActivityEnd(ActivityEndEvent end, ActivityContextInterface aci) {
        switchboard().log(name(aci), "end");
    }

    @Override
    public void sbbRolledBack(RolledBackContext context) {
        switchboard().log(name(context.getActivityContextInterface()), "rolled back " + context.getEvent());
    }

    /** Writes the line under the activity it came on, or flags an event that came on another endpoint's. */
    private void log(MediaEvent event, ActivityContextInterface aci, String line) {
        String activity = name(aci);
        boolean right = Switchboard.activity(event.endpoint()).equals(activity);
        switchboard().log(activity, right ? line : "WRONG ACTIVITY for " + event);
    }

    private static String name(ActivityContextInterface aci) {
        Object activity = aci.getActivity();
        if (activity instanceof Endpoint endpoint) {
            return Switchboard.activity(endpoint.id());
        }
        if (activity instanceof Bridge bridge) {
            return Switchboard.activity(bridge.id());
        }
        return String.valueOf(activity);
    }

    private MediaProvider media() {
        return context().resourceAdaptor(MediaResourceAdaptor.ENTITY_NAME, MediaProvider.class);
    }

    private Switchboard switchboard() {
        return context().resourceAdaptor(CallerAdaptor.NAME, Switchboard.class);
    }
}
