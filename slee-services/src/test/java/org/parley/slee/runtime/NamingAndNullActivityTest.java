package org.parley.slee.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import javax.slee.ActivityContextInterface;
import javax.slee.Address;
import javax.slee.facilities.ActivityContextNamingFacility;
import javax.slee.facilities.NameAlreadyBoundException;
import javax.slee.nullactivity.NullActivity;

import org.junit.jupiter.api.Test;
import org.parley.slee.runtime.TestEvents.Hello;
import org.parley.slee.runtime.TestEvents.Note;
import org.parley.slee.runtime.TestEvents.Ping;

class NamingAndNullActivityTest {

    /**
     * One entity per participant activity. Hello(room) joins the room: a null activity found by name, or created
     * and bound if there is none, then a Note on it. Pings act on the room: "leave", "unbind", "close",
     * "bind-then-fail", "bind-again".
     */
    public abstract static class ParticipantSbb extends BaseSbb {

        public abstract String getRoom();

        public abstract void setRoom(String room);

        public abstract void fireNote(Note note, ActivityContextInterface aci, Address address);

        public void onHello(Hello hello, ActivityContextInterface aci) throws Exception {
            ActivityContextNamingFacility names = context().activityContextNamingFacility();
            ActivityContextInterface room = names.lookup(hello.who());
            if (room == null) {
                NullActivity activity = context().nullActivityFactory().createNullActivity();
                room = context().nullActivityContextInterfaceFactory().getActivityContextInterface(activity);
                names.bind(room, hello.who());
                journal().add(me(aci) + " opened " + hello.who());
            } else {
                journal().add(me(aci) + " found " + hello.who());
            }
            room.attach(self());
            setRoom(hello.who());
            fireNote(new Note(me(aci) + " joined"), room, null);
        }

        public void onNote(Note note, ActivityContextInterface aci) {
            journal().add(getRoom() + ": " + mine() + " heard " + note.text());
        }

        public void onPing(Ping ping, ActivityContextInterface aci) throws Exception {
            ActivityContextNamingFacility names = context().activityContextNamingFacility();
            ActivityContextInterface room = names.lookup(getRoom());
            switch (ping.key()) {
                case "leave" -> room.detach(self());
                case "unbind" -> names.unbind(getRoom());
                case "close" -> {
                    names.unbind(getRoom());
                    ((NullActivity) room.getActivity()).endActivity();
                }
                case "bind-then-fail" -> {
                    names.bind(aci, "lobby");
                    throw new IllegalStateException("rolled back");
                }
                case "bind-again" -> {
                    try {
                        names.bind(aci, getRoom());
                    } catch (NameAlreadyBoundException e) {
                        journal().add("already bound: " + e.getMessage());
                    }
                    journal().add("lobby is " + (names.lookup("lobby") == null ? "unbound" : "bound"));
                }
                default -> throw new IllegalArgumentException(ping.key());
            }
        }

        @Override
        public void sbbRemove() {
            journal().add("removed " + mine());
        }

        private String mine() {
            for (ActivityContextInterface aci : context().getActivities()) {
                if (aci.getActivity() instanceof ProbeAdaptor.ProbeActivity activity) {
                    return activity.name();
                }
            }
            return "?";
        }

        private static String me(ActivityContextInterface aci) {
            return ((ProbeAdaptor.ProbeActivity) aci.getActivity()).name();
        }

        private Journal journal() {
            return context().resourceAdaptor(ProbeAdaptor.NAME, Journal.class);
        }
    }

    private final SleeFixture fixture = new SleeFixture();

    NamingAndNullActivityTest() {
        fixture.slee.install(Service.builder("participant", ParticipantSbb.class)
                .initialEvent(Hello.class, ConvergenceVariable.ACTIVITY_CONTEXT).build());
        fixture.probe.startActivity("ann");
        fixture.probe.startActivity("bob");
    }

    @Test
    void entitiesOnDifferentActivitiesMeetOnANamedNullActivity() {
        fixture.probe.fire("ann", new Hello("r1"));
        fixture.probe.fire("bob", new Hello("r1"));
        fixture.settle();

        assertEquals(List.of("ann opened r1", "bob found r1",
                "r1: ann heard ann joined", "r1: bob heard ann joined",
                "r1: ann heard bob joined", "r1: bob heard bob joined"), fixture.journal.lines());
        assertEquals(3, fixture.slee.liveActivityCount());
    }

    @Test
    void endingTheNullActivityDetachesItsEntitiesAndFreesItsName() {
        fixture.probe.fire("ann", new Hello("r1"));
        fixture.probe.fire("bob", new Hello("r1"));
        fixture.settle();
        fixture.probe.fire("ann", new Ping("close", 0));
        fixture.settle();
        assertEquals(2, fixture.slee.liveActivityCount());

        fixture.probe.fire("bob", new Hello("r1"));
        fixture.settle();

        assertEquals(List.of("bob opened r1", "r1: bob heard bob joined"), fixture.journal.lines().subList(6, 8));
        assertEquals(3, fixture.slee.liveActivityCount());
    }

    @Test
    void aNullActivityEndsByItselfOnceNothingIsAttachedAndNoNameIsBound() {
        fixture.probe.fire("ann", new Hello("r1"));
        fixture.probe.fire("ann", new Ping("leave", 0));
        fixture.settle();
        assertEquals(3, fixture.slee.liveActivityCount(), "the bound name keeps the room");

        fixture.probe.fire("ann", new Ping("unbind", 0));
        fixture.settle();

        assertEquals(2, fixture.slee.liveActivityCount());
    }

    @Test
    void aNameIsBoundOnceAndABindThatRollsBackLeavesNoName() {
        fixture.probe.fire("ann", new Hello("r1"));
        fixture.probe.fire("ann", new Ping("bind-then-fail", 0));
        fixture.probe.fire("ann", new Ping("bind-again", 0));
        fixture.settle();

        assertEquals(List.of("ann opened r1", "ra: failed Ping[key=bind-then-fail, n=0] on ann",
                "already bound: r1", "lobby is unbound", "r1: ann heard ann joined"), fixture.journal.lines());
    }
}
