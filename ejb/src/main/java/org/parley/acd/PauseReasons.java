package org.parley.acd;

import java.util.List;
import java.util.Set;

import org.parley.access.Caller;
import org.parley.tenant.TenantId;

/**
 * A tenant's list of pause reasons. While the list is empty any code is accepted; once an admin sets it, agents and
 * supervisors pause only with its codes (the engine's own reasons, "missed offers" and "unreachable", are always
 * possible and cannot be listed). Changes reach the running routing engine through the events topic.
 */
public interface PauseReasons {

    /** A code and its label, in the order desktops show them. */
    record Choice(String code, String label) {
    }

    /** Everyone in the tenant may read the list (an agent's desktop offers it when pausing). */
    List<Choice> list(Caller caller);

    /**
     * Admins only: replaces the whole list (an empty one accepts any code again). Codes are 1 to 64 characters,
     * unique ignoring case, not one of the engine's own; labels 1 to 200 characters (blank: the code).
     */
    List<Choice> replace(Caller caller, List<Choice> reasons);

    /** The codes the routing engine accepts for the tenant; empty when any code is. */
    Set<String> codes(TenantId tenant);
}
