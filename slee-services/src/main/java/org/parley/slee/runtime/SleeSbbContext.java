package org.parley.slee.runtime;

import java.time.Clock;

import javax.slee.ActivityContextInterface;
import javax.slee.SbbContext;
import javax.slee.facilities.ActivityContextNamingFacility;
import javax.slee.facilities.TimerFacility;
import javax.slee.nullactivity.NullActivityContextInterfaceFactory;
import javax.slee.nullactivity.NullActivityFactory;

/**
 * The {@link SbbContext} Parley hands to its SBBs. Besides the standard methods it gives the facilities and resource
 * adaptors that a JSLEE container would publish in the SBB's JNDI environment, so SBBs stay plain Java.
 */
public interface SleeSbbContext extends SbbContext {

    TimerFacility timerFacility();

    /** The runtime's clock; timer start times are milliseconds on it, so SBBs read time here, not from the system. */
    Clock clock();

    ActivityContextNamingFacility activityContextNamingFacility();

    NullActivityFactory nullActivityFactory();

    NullActivityContextInterfaceFactory nullActivityContextInterfaceFactory();

    /**
     * The activity context of a live activity object (one a resource adaptor started, or a null activity).
     *
     * @throws org.parley.slee.ra.UnknownActivityException if the activity is not live
     */
    ActivityContextInterface activityContextInterface(Object activity);

    /**
     * The SBB interface of the resource adaptor added under {@code entityName}.
     *
     * @throws IllegalArgumentException if there is no such adaptor or its interface is not a {@code type}
     */
    <T> T resourceAdaptor(String entityName, Class<T> type);

    /**
     * An object the container bound for SBBs under {@code name} (JSLEE's {@code java:comp/env} entries).
     *
     * @throws IllegalArgumentException if nothing of that type is bound under the name
     */
    <T> T environment(String name, Class<T> type);
}
