package org.parley.slee.runtime;

import java.util.Set;

import javax.slee.Address;
import javax.slee.InitialEventSelector;

/** The {@link InitialEventSelector} a service's selector sees, pre-set from its declared convergence variables. */
final class InitialSelection implements InitialEventSelector {

    private final Object event;
    private final ActivityContext activityContext;
    private boolean activityContextSelected;
    private boolean addressSelected;
    private boolean eventTypeSelected;
    private boolean eventSelected;
    private Address address;
    private String customName;
    private boolean initialEvent = true;

    InitialSelection(Object event, ActivityContext activityContext, Address address, Set<ConvergenceVariable> selected) {
        this.event = event;
        this.activityContext = activityContext;
        this.address = address;
        this.activityContextSelected = selected.contains(ConvergenceVariable.ACTIVITY_CONTEXT);
        this.addressSelected = selected.contains(ConvergenceVariable.ADDRESS);
        this.eventTypeSelected = selected.contains(ConvergenceVariable.EVENT_TYPE);
        this.eventSelected = selected.contains(ConvergenceVariable.EVENT);
    }

    ConvergenceName convergenceName() {
        return new ConvergenceName(
                activityContextSelected ? activityContext.handle() : null,
                addressSelected ? address : null,
                eventTypeSelected ? event.getClass() : null,
                eventSelected ? new ConvergenceName.EventIdentity(event) : null,
                customName);
    }

    @Override
    public boolean isActivityContextSelected() {
        return activityContextSelected;
    }

    @Override
    public void setActivityContextSelected(boolean selected) {
        activityContextSelected = selected;
    }

    @Override
    public boolean isAddressProfileSelected() {
        return false;
    }

    /** Parley has no profile facility, so an address-profile convergence cannot be honoured. */
    @Override
    public void setAddressProfileSelected(boolean selected) {
        if (selected) {
            throw new UnsupportedOperationException("Parley's SLEE has no address profiles");
        }
    }

    @Override
    public boolean isAddressSelected() {
        return addressSelected;
    }

    @Override
    public void setAddressSelected(boolean selected) {
        addressSelected = selected;
    }

    @Override
    public boolean isEventTypeSelected() {
        return eventTypeSelected;
    }

    @Override
    public void setEventTypeSelected(boolean selected) {
        eventTypeSelected = selected;
    }

    @Override
    public boolean isEventSelected() {
        return eventSelected;
    }

    @Override
    public void setEventSelected(boolean selected) {
        eventSelected = selected;
    }

    @Override
    public String getEventName() {
        return event.getClass().getSimpleName();
    }

    @Override
    public Object getEvent() {
        return event;
    }

    @Override
    public Object getActivity() {
        return activityContext.getActivity();
    }

    @Override
    public Address getAddress() {
        return address;
    }

    @Override
    public void setAddress(Address address) {
        this.address = address;
    }

    @Override
    public String getCustomName() {
        return customName;
    }

    @Override
    public void setCustomName(String customName) {
        this.customName = customName;
    }

    @Override
    public boolean isInitialEvent() {
        return initialEvent;
    }

    @Override
    public void setInitialEvent(boolean initialEvent) {
        this.initialEvent = initialEvent;
    }
}
