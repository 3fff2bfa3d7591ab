package org.parley.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.parley.sip.registrar.BindingChange.Kind;
import org.parley.sip.registrar.RegisterRequest.Contact;
import org.parley.time.ManualClock;

class BindingTableTest {

    private static final String AOR = "sip:1001@acme.parley.test";
    private static final String DESK = "sip:1001@192.0.2.10:5062";
    private static final String MOBILE = "sip:1001@198.51.100.7:40000;transport=tcp";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final BindingTable table = new BindingTable(clock, RegistrarPolicy.DEFAULT);

    private static List<Kind> kinds(RegisterOutcome outcome) {
        return ((RegisterOutcome.Bound) outcome).changes().stream().map(BindingChange::kind).toList();
    }

    private List<String> contacts() {
        return table.bindings(AOR).stream().map(Binding::contact).toList();
    }

    @Test
    void registersSeveralContactsWithTheirOwnOrTheHeaderExpiry() {
        RegisterOutcome outcome = table.register(RegisterRequest.of(AOR, "call-1", 1, 600L,
                new Contact(DESK, null), new Contact(MOBILE, 120L)));

        assertEquals(List.of(Kind.REGISTERED, Kind.REGISTERED), kinds(outcome));
        List<Binding> bindings = table.bindings(AOR);
        assertEquals(List.of(DESK, MOBILE), contacts());
        assertEquals(600, bindings.get(0).remainingSeconds(clock.instant()));
        assertEquals(120, bindings.get(1).remainingSeconds(clock.instant()));
    }

    @Test
    void withoutAnyExpiryTheDefaultAppliesAndTooLongIsShortened() {
        table.register(RegisterRequest.of(AOR, "call-1", 1, null, new Contact(DESK, null),
                new Contact(MOBILE, 86_400L)));

        List<Binding> bindings = table.bindings(AOR);
        assertEquals(3600, bindings.get(0).remainingSeconds(clock.instant()));
        assertEquals(7200, bindings.get(1).remainingSeconds(clock.instant()));
    }

    @Test
    void aTooShortExpiryGets423WithTheMinimumAndChangesNothing() {
        table.register(RegisterRequest.of(AOR, "call-1", 1, 600L, new Contact(DESK, null)));

        RegisterOutcome outcome = table.register(RegisterRequest.of(AOR, "call-1", 2, 600L,
                new Contact(MOBILE, null), new Contact(DESK, 30L)));

        assertEquals(new RegisterOutcome.IntervalTooBrief(Duration.ofSeconds(60)), outcome);
        assertEquals(List.of(DESK), contacts());
    }

    @Test
    void aRefreshExtendsTheBindingAndExpiresZeroRemovesIt() {
        table.register(RegisterRequest.of(AOR, "call-1", 1, 600L, new Contact(DESK, null)));
        clock.advance(Duration.ofSeconds(500));

        RegisterOutcome refresh = table.register(RegisterRequest.of(AOR, "call-1", 2, 600L, new Contact(DESK, null)));
        clock.advance(Duration.ofSeconds(500));

        assertEquals(List.of(Kind.REFRESHED), kinds(refresh));
        assertEquals(List.of(DESK), contacts());

        RegisterOutcome unregister = table.register(RegisterRequest.of(AOR, "call-1", 3, 0L, new Contact(DESK, null)));

        assertEquals(List.of(Kind.UNREGISTERED), kinds(unregister));
        assertEquals(List.of(), contacts());
    }

    @Test
    void anOlderRequestOnTheSameCallIdFailsWholeAndChangesNothing() {
        table.register(RegisterRequest.of(AOR, "call-1", 5, 600L, new Contact(DESK, null)));

        RegisterOutcome outcome = table.register(RegisterRequest.of(AOR, "call-1", 5, 600L,
                new Contact(MOBILE, null), new Contact(DESK, 0L)));

        assertEquals(new RegisterOutcome.OutOfOrder(DESK), outcome);
        assertEquals(List.of(DESK), contacts());
    }

    @Test
    void aNewCallIdMayUpdateABindingWhateverItsCseq() {
        table.register(RegisterRequest.of(AOR, "call-1", 5, 600L, new Contact(DESK, null)));

        RegisterOutcome outcome = table.register(RegisterRequest.of(AOR, "rebooted", 1, 900L, new Contact(DESK, null)));

        assertEquals(List.of(Kind.REFRESHED), kinds(outcome));
        assertEquals("rebooted", table.bindings(AOR).get(0).callId());
    }

    @Test
    void aWildcardWithExpiresZeroRemovesEveryBindingAndNeedsExpiresZero() {
        table.register(RegisterRequest.of(AOR, "call-1", 1, 600L, new Contact(DESK, null)));
        table.register(RegisterRequest.of(AOR, "call-2", 1, 600L, new Contact(MOBILE, null)));

        assertInstanceOf(RegisterOutcome.Invalid.class,
                table.register(RegisterRequest.wildcard(AOR, "call-1", 2, 600L)));
        assertInstanceOf(RegisterOutcome.Invalid.class,
                table.register(RegisterRequest.wildcard(AOR, "call-1", 2, null)));
        assertInstanceOf(RegisterOutcome.OutOfOrder.class,
                table.register(RegisterRequest.wildcard(AOR, "call-1", 1, 0L)));
        assertEquals(List.of(DESK, MOBILE), contacts());

        RegisterOutcome outcome = table.register(RegisterRequest.wildcard(AOR, "call-1", 2, 0L));

        assertEquals(List.of(Kind.UNREGISTERED, Kind.UNREGISTERED), kinds(outcome));
        assertEquals(List.of(), contacts());
    }

    @Test
    void bindingsLapseWithTheClockAndExpireReportsEachOnce() {
        table.register(RegisterRequest.of(AOR, "call-1", 1, null, new Contact(DESK, 60L), new Contact(MOBILE, 600L)));
        clock.advance(Duration.ofSeconds(60));

        assertEquals(List.of(MOBILE), contacts());
        List<BindingChange> expired = table.expire();
        assertEquals(List.of(new BindingChange(Kind.EXPIRED, AOR,
                new Binding(DESK, Instant.parse("2026-11-23T10:01:00Z"), "call-1", 1))), expired);
        assertEquals(List.of(), table.expire());

        clock.advance(Duration.ofSeconds(540));
        assertEquals(List.of(), contacts());
        assertEquals(1, table.expire().size());
    }

    @Test
    void aRegisterWithoutContactsIsAQueryListingTheBindings() {
        table.register(RegisterRequest.of(AOR, "call-1", 1, 600L, new Contact(DESK, null)));

        RegisterOutcome query = table.register(RegisterRequest.of(AOR, "call-9", 1, null));

        assertEquals(List.of(DESK), ((RegisterOutcome.Bound) query).bindings().stream().map(Binding::contact).toList());
        assertEquals(List.of(), kinds(query));
    }

    @Test
    void theListenerHearsEachChangeAndWhetherThePhoneCanStillBeCalled() {
        List<String> heard = new java.util.ArrayList<>();
        BindingTable observed = new BindingTable(clock, RegistrarPolicy.DEFAULT,
                (aor, changes, stillBound) -> heard.add(changes.stream().map(c -> c.kind().name()).toList()
                        + " " + stillBound));
        observed.register(RegisterRequest.of(AOR, "call-1", 1, 600L, new Contact(DESK, null),
                new Contact(MOBILE, 120L)));
        observed.register(RegisterRequest.of(AOR, "call-1", 2, 600L, new Contact(DESK, 0L)));
        clock.advance(java.time.Duration.ofSeconds(121));
        observed.expire();
        observed.expire();

        assertEquals(List.of("[REGISTERED, REGISTERED] true", "[UNREGISTERED] true", "[EXPIRED] false"), heard);
    }

    @Test
    void restoredBindingsAreFoundAgainUnlessExpiredAndAFreshRegisterStillOrdersAfterThem() {
        table.restore(AOR, new Binding(DESK, clock.instant().plusSeconds(300), "call-1", 5));
        table.restore(AOR, new Binding(MOBILE, clock.instant().minusSeconds(1), "call-2", 1));
        table.restore(AOR, new Binding(DESK, clock.instant().plusSeconds(900), "call-1", 6));
        assertEquals(List.of(DESK), contacts());

        RegisterOutcome stale = table.register(RegisterRequest.of(AOR, "call-1", 5, 600L, new Contact(DESK, null)));
        assertEquals(RegisterOutcome.OutOfOrder.class, stale.getClass(), "the restored CSeq still orders updates");
    }

    @Test
    void aPhoneBehindNatIsReachedWhereItsRegisterCameFromNotWhereItsContactPoints() {
        table.register(RegisterRequest.of(AOR, "call-1", 1, 600L, new Contact("sip:1001@192.168.1.20:5062", null))
                .from("203.0.113.7:40123"));
        Binding natted = table.bindings(AOR).get(0);
        assertEquals("sip:1001@192.168.1.20:5062", natted.contact(), "the 200 OK lists the contact as registered");
        assertEquals("sip:1001@203.0.113.7:40123", natted.target());

        table.register(RegisterRequest.of(AOR, "call-1", 2, 600L, new Contact(DESK, null)).from("192.0.2.10:5062"));
        Binding direct = table.bindings(AOR).stream().filter(b -> b.contact().equals(DESK)).findFirst().orElseThrow();
        assertEquals(DESK, direct.target(), "a phone reachable at its contact keeps it");
    }

    @Test
    void theHostAndPortOfAContactAreFoundAndReplacedWithItsParametersKept() {
        assertEquals("192.0.2.10:5062", Binding.hostPortOf(DESK));
        assertEquals("198.51.100.7:5060", Binding.hostPortOf("sip:1001@198.51.100.7;transport=tcp"));
        assertEquals("[2001:db8::1]:5060", Binding.hostPortOf("sip:1001@[2001:db8::1]"));
        assertEquals("sip:1001@127.0.0.1:6000;transport=tcp",
                Binding.withHostPort("sip:1001@198.51.100.7:40000;transport=tcp", "127.0.0.1:6000"));
    }
}
