package org.parley.slee.runtime;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import javax.slee.InitialEventSelector;
import javax.slee.Sbb;

/**
 * A JSLEE service: a root SBB and the events that start it. Each initial event type names the convergence
 * variables that make up the convergence name; an optional selector (JSLEE's initial-event-selector method) may
 * change the selection, set a custom name, or declare the event not initial. Event types match by
 * {@code isInstance}, so an interface covers all its implementations; the first matching declaration wins.
 */
public final class Service {

    private final String name;
    private final Class<? extends Sbb> rootSbb;
    private final byte rootPriority;
    private final List<InitialEvent> initialEvents;

    private Service(Builder builder) {
        this.name = builder.name;
        this.rootSbb = builder.rootSbb;
        this.rootPriority = builder.rootPriority;
        this.initialEvents = List.copyOf(builder.initialEvents);
    }

    public static Builder builder(String name, Class<? extends Sbb> rootSbb) {
        return new Builder(name, rootSbb);
    }

    public String name() {
        return name;
    }

    public Class<? extends Sbb> rootSbb() {
        return rootSbb;
    }

    byte rootPriority() {
        return rootPriority;
    }

    List<Class<?>> initialEventTypes() {
        return initialEvents.stream().<Class<?>>map(InitialEvent::type).toList();
    }

    Optional<InitialEvent> initialEventFor(Object event) {
        return initialEvents.stream().filter(initial -> initial.type().isInstance(event)).findFirst();
    }

    @Override
    public String toString() {
        return "Service[" + name + "]";
    }

    record InitialEvent(Class<?> type, Set<ConvergenceVariable> variables, UnaryOperator<InitialEventSelector> selector) {
    }

    public static final class Builder {

        private final String name;
        private final Class<? extends Sbb> rootSbb;
        private byte rootPriority;
        private final List<InitialEvent> initialEvents = new ArrayList<>();

        private Builder(String name, Class<? extends Sbb> rootSbb) {
            this.name = Objects.requireNonNull(name, "name");
            this.rootSbb = Objects.requireNonNull(rootSbb, "rootSbb");
        }

        /** Events of {@code type} start the service; root entities converge on the given variables. */
        public Builder initialEvent(Class<?> type, ConvergenceVariable... variables) {
            return initialEvent(type, UnaryOperator.identity(), variables);
        }

        /**
         * As {@link #initialEvent(Class, ConvergenceVariable...)}, then {@code selector} sees the pre-set selector
         * and may change it (e.g. {@code setCustomName(callId)} to converge on a key of the event).
         */
        public Builder initialEvent(Class<?> type, UnaryOperator<InitialEventSelector> selector,
                                    ConvergenceVariable... variables) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(selector, "selector");
            Set<ConvergenceVariable> selected = EnumSet.noneOf(ConvergenceVariable.class);
            selected.addAll(List.of(variables));
            initialEvents.add(new InitialEvent(type, Set.copyOf(selected), selector));
            return this;
        }

        public Builder rootPriority(byte priority) {
            this.rootPriority = priority;
            return this;
        }

        public Service build() {
            if (initialEvents.isEmpty()) {
                throw new SbbDefinitionException("service " + name + " declares no initial event");
            }
            return new Service(this);
        }
    }
}
