package org.parley.time.internal;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

@ApplicationScoped
public class SystemClock {

    @Produces
    public Clock clock() {
        return Clock.systemUTC();
    }
}
