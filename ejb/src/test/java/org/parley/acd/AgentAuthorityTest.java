package org.parley.acd;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import org.parley.access.Caller;
import org.parley.access.NotPermittedException;
import org.parley.acd.RoutingService.AgentCommand;
import org.parley.tenant.TenantId;
import org.parley.user.Role;

class AgentAuthorityTest {

    private static final TenantId TENANT = new TenantId(1);
    private static final AgentId ANN = new AgentId(7);
    private static final AgentId BOB = new AgentId(8);

    private static final Caller ANN_KEY = new Caller(TENANT, "ann", Role.AGENT, OptionalLong.of(7));
    private static final Caller UNBOUND_AGENT = new Caller(TENANT, "nobody", Role.AGENT);
    private static final Caller SUPERVISOR = new Caller(TENANT, "sue", Role.SUPERVISOR);
    private static final Caller ADMIN = new Caller(TENANT, "root", Role.ADMIN);
    private static final Caller SUPERVISOR_WHO_IS_BOB = new Caller(TENANT, "bob", Role.SUPERVISOR, OptionalLong.of(8));

    @ParameterizedTest
    @EnumSource(AgentCommand.class)
    void anAgentTakesEveryStepForItself(AgentCommand command) {
        assertDoesNotThrow(() -> AgentAuthority.requireMayChange(ANN_KEY, ANN, command));
    }

    @ParameterizedTest
    @EnumSource(AgentCommand.class)
    void anAgentTakesNoStepForAnother(AgentCommand command) {
        NotPermittedException refused = assertThrows(NotPermittedException.class,
                () -> AgentAuthority.requireMayChange(ANN_KEY, BOB, command));
        assertTrue(refused.getMessage().contains("agent 8"), refused.getMessage());
        assertThrows(NotPermittedException.class, () -> AgentAuthority.requireMayChange(UNBOUND_AGENT, ANN, command));
    }

    @ParameterizedTest
    @EnumSource(value = AgentCommand.class, names = {"PAUSE", "LOG_OUT"})
    void supervisorsAndAdminsForcePauseAndLogout(AgentCommand command) {
        assertDoesNotThrow(() -> AgentAuthority.requireMayChange(SUPERVISOR, ANN, command));
        assertDoesNotThrow(() -> AgentAuthority.requireMayChange(ADMIN, ANN, command));
    }

    @ParameterizedTest
    @EnumSource(value = AgentCommand.class, names = {"LOG_IN", "READY"})
    void nobodyLogsInOrReadiesSomeoneElse(AgentCommand command) {
        NotPermittedException refused = assertThrows(NotPermittedException.class,
                () -> AgentAuthority.requireMayChange(SUPERVISOR, ANN, command));
        assertTrue(refused.getMessage().contains("only agent 7"), refused.getMessage());
        assertThrows(NotPermittedException.class, () -> AgentAuthority.requireMayChange(ADMIN, ANN, command));
        assertThrows(NotPermittedException.class,
                () -> AgentAuthority.requireMayChange(SUPERVISOR_WHO_IS_BOB, ANN, command));
        assertDoesNotThrow(() -> AgentAuthority.requireMayChange(SUPERVISOR_WHO_IS_BOB, BOB, command),
                "a supervisor who takes calls readies their own agent");
    }

    @Test
    void agentsSeeOnlyThemselvesWhileSupervisorsSeeEveryone() {
        assertDoesNotThrow(() -> AgentAuthority.requireMayObserve(ANN_KEY, ANN));
        assertThrows(NotPermittedException.class, () -> AgentAuthority.requireMayObserve(ANN_KEY, BOB));
        assertThrows(NotPermittedException.class, () -> AgentAuthority.requireMayObserve(UNBOUND_AGENT, ANN));
        assertDoesNotThrow(() -> AgentAuthority.requireMayObserve(SUPERVISOR, ANN));
        assertDoesNotThrow(() -> AgentAuthority.requireMayObserve(ADMIN, BOB));
    }

    @Test
    void onlyTheAgentOfferedAnswersTheOffer() {
        assertDoesNotThrow(() -> AgentAuthority.requireIsAgent(ANN_KEY, ANN, "accept offer o-1"));
        NotPermittedException refused = assertThrows(NotPermittedException.class,
                () -> AgentAuthority.requireIsAgent(ADMIN, ANN, "accept offer o-1"));
        assertTrue(refused.getMessage().contains("speaks for no agent"), refused.getMessage());
        assertThrows(NotPermittedException.class, () -> AgentAuthority.requireIsAgent(ANN_KEY, BOB, "decline o-2"));
    }
}
