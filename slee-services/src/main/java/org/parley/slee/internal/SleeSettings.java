package org.parley.slee.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.config.Config;
import org.parley.sip.call.CallSettings;
import org.parley.sip.registrar.DigestAlgorithm;

/**
 * The SLEE's configuration, from MicroProfile Config (system properties set by {@code wildfly-config} or on the
 * command line). Defaults: SIP on 127.0.0.1:5060 (DESIGN.md, "Ports").
 *
 * @param sipAddress {@code parley.sip.address}, the address SIP binds to
 * @param sipPort    {@code parley.sip.port}, UDP and TCP
 * @param eventThreads {@code parley.slee.event-threads}, threads delivering events; handlers do no blocking I/O,
 *                   so a few per core suffice (default 4, for the 2-core machines Parley is measured on)
 * @param eventQueue {@code parley.slee.event-queue}, activities that may wait for a thread before SIP answers
 *                   503 (default 10,000: about five seconds of the 2,000 requests/s goal)
 * @param sipAdvertised {@code parley.sip.advertised}, the address Via and Contact carry (a public address behind NAT);
 *                   default the bind address
 * @param noAnswerTimeout {@code parley.sip.no-answer-seconds}, how long a call rings before the caller gets 408
 *                   (default 30 s, see {@link CallSettings#DEFAULT})
 * @param digestAlgorithms {@code parley.sip.digest-algorithms}, the registrar's challenges in preference order;
 *                   default {@code MD5,SHA-256}: RFC 8760 prefers SHA-256 on top, but SIPp 3.6 and many phones
 *                   read only the first challenge and fail unless it is MD5; SHA-256-capable phones can still be
 *                   served by setting {@code SHA-256,MD5}
 */
record SleeSettings(String sipAddress, int sipPort, String sipAdvertised, Duration noAnswerTimeout, int eventThreads,
                    int eventQueue, List<DigestAlgorithm> digestAlgorithms) {

    static SleeSettings from(Config config) {
        String address = config.getOptionalValue("parley.sip.address", String.class).orElse("127.0.0.1");
        return new SleeSettings(
                address,
                config.getOptionalValue("parley.sip.port", Integer.class).orElse(5060),
                config.getOptionalValue("parley.sip.advertised", String.class).orElse(address),
                config.getOptionalValue("parley.sip.no-answer-seconds", Integer.class).map(Duration::ofSeconds)
                        .orElse(CallSettings.DEFAULT.noAnswerTimeout()),
                config.getOptionalValue("parley.slee.event-threads", Integer.class).orElse(4),
                config.getOptionalValue("parley.slee.event-queue", Integer.class).orElse(10_000),
                Arrays.stream(config.getOptionalValue("parley.sip.digest-algorithms", String.class)
                                .orElse("MD5,SHA-256").split(","))
                        .map(token -> DigestAlgorithm.fromToken(token).orElseThrow(() -> new IllegalArgumentException(
                                "parley.sip.digest-algorithms: unknown algorithm " + token.trim())))
                        .distinct().toList());
    }
}
