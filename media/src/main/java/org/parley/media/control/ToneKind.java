package org.parley.media.control;

/** Call-progress tones the player can generate (North American precise tones, ITU-T E.180 cadences). */
public enum ToneKind {
    /** 440 + 480 Hz, 2 s on, 4 s off. */
    RINGBACK,
    /** 480 + 620 Hz, 0.5 s on, 0.5 s off. */
    BUSY,
    /** 1 kHz, continuous for the requested duration: the "recording starts" beep. */
    BEEP
}
