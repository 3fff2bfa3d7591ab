package org.parley.acd.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.parley.access.Caller;
import org.parley.acd.PauseCode;
import org.parley.acd.PauseReasons;
import org.parley.acd.routing.agent.PauseReason;
import org.parley.event.DomainEvent;
import org.parley.event.EventLog;
import org.parley.rule.RuleViolationException;
import org.parley.tenant.TenantId;

@Stateless
public class PauseReasonsBean implements PauseReasons {

    /** A desktop shows the list as a menu; more than this is a mistake, not a configuration. */
    static final int MAX_REASONS = 50;
    /** Codes the engine sets itself, and what a restart restores when it lost the code. */
    private static final Set<String> RESERVED = Set.of(PauseReason.MISSED_OFFERS.code(),
            PauseReason.UNREACHABLE.code(), "restored");

    @PersistenceContext(unitName = "parley")
    private EntityManager em;

    @EJB
    private EventLog events;

    @Inject
    private Clock clock;

    @Override
    public List<Choice> list(Caller caller) {
        return stored(caller.tenant()).stream().map(p -> new Choice(p.code(), p.label())).toList();
    }

    @Override
    public List<Choice> replace(Caller caller, List<Choice> reasons) {
        caller.requireAdmin();
        List<Choice> checked = check(reasons);
        em.createQuery("DELETE FROM PauseCode p WHERE p.tenantId = :t")
                .setParameter("t", caller.tenant().value()).executeUpdate();
        for (int i = 0; i < checked.size(); i++) {
            em.persist(new PauseCode(caller.tenant(), checked.get(i).code(), checked.get(i).label(), i));
        }
        em.flush();
        events.append(DomainEvent.of(caller.tenant(), clock.instant(), "PauseReasonsChanged", "tenant",
                caller.tenant().value(), caller.name(), Map.of("codes",
                        checked.stream().map(Choice::code).collect(Collectors.joining(",")))));
        return checked;
    }

    @Override
    public Set<String> codes(TenantId tenant) {
        return stored(tenant).stream().map(PauseCode::code).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private List<PauseCode> stored(TenantId tenant) {
        return em.createQuery("SELECT p FROM PauseCode p WHERE p.tenantId = :t ORDER BY p.position", PauseCode.class)
                .setParameter("t", tenant.value()).getResultList();
    }

    /** The list as it will be stored (codes and labels stripped), or the first rule it breaks. */
    static List<Choice> check(List<Choice> reasons) {
        if (reasons == null) {
            throw new RuleViolationException("reasons", "give the list of pause reasons (empty to accept any)");
        }
        if (reasons.size() > MAX_REASONS) {
            throw new RuleViolationException("reasons", "at most " + MAX_REASONS + " pause reasons");
        }
        List<Choice> checked = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Choice reason : reasons) {
            String code = reason == null || reason.code() == null ? "" : reason.code().strip();
            if (code.isEmpty() || code.length() > PauseCode.MAX_CODE_LENGTH) {
                throw new RuleViolationException("code", "a pause reason code has 1 to "
                        + PauseCode.MAX_CODE_LENGTH + " characters");
            }
            if (code.chars().anyMatch(Character::isISOControl)) {
                throw new RuleViolationException("code", "pause reason code \"" + code.replaceAll("\\p{Cntrl}", "?")
                        + "\" contains a control character");
            }
            if (RESERVED.contains(code.toLowerCase(Locale.ROOT))) {
                throw new RuleViolationException("code", "\"" + code + "\" is the engine's own reason and cannot be "
                        + "listed");
            }
            if (!seen.add(code.toLowerCase(Locale.ROOT))) {
                throw new RuleViolationException("code", "pause reason \"" + code + "\" is listed twice");
            }
            String label = reason.label() == null || reason.label().isBlank() ? code : reason.label().strip();
            if (label.length() > PauseCode.MAX_LABEL_LENGTH) {
                throw new RuleViolationException("label", "the label of \"" + code + "\" is longer than "
                        + PauseCode.MAX_LABEL_LENGTH + " characters");
            }
            checked.add(new Choice(code, label));
        }
        return List.copyOf(checked);
    }
}
