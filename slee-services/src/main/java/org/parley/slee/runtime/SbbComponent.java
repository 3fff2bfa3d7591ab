package org.parley.slee.runtime;

import java.beans.Introspector;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.slee.ActivityContextInterface;
import javax.slee.Address;
import javax.slee.ChildRelation;
import javax.slee.Sbb;
import javax.slee.SbbLocalObject;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.FieldAccessor;
import net.bytebuddy.implementation.InvocationHandlerAdapter;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * What the runtime knows about one SBB class: its event handlers and the abstract methods it implements for the
 * SBB (CMP accessors, child-relation getters, fire methods), and the generated concrete subclass.
 *
 * <p>How handlers are found: a method named {@code on<Event>} with parameters {@code (E, ActivityContextInterface)}
 * and no result handles every event that is an instance of {@code E}. When several match, the one whose {@code E}
 * is most specific wins; two equally specific ones are a definition error. {@code <Event>} is the event name used
 * by {@link javax.slee.SbbContext#maskEvent}.
 */
final class SbbComponent {

    private final Class<? extends Sbb> sbbClass;
    private final Constructor<? extends Sbb> constructor;
    private final Map<Method, AbstractMethod> abstractMethods;
    private final Map<String, ChildRelationSpec> childRelations;
    private final List<Handler> handlers;
    private final Map<Class<?>, Optional<Handler>> handlersByEventClass = new ConcurrentHashMap<>();
    private final Class<? extends SbbLocalObject> localInterface;
    private final Map<Method, Method> localMethods;

    private SbbComponent(Class<? extends Sbb> sbbClass, Map<Method, AbstractMethod> abstractMethods,
                         Map<String, ChildRelationSpec> childRelations, List<Handler> handlers,
                         Class<? extends SbbLocalObject> localInterface, Map<Method, Method> localMethods) {
        this.sbbClass = sbbClass;
        this.localInterface = localInterface;
        this.localMethods = localMethods;
        this.abstractMethods = abstractMethods;
        this.childRelations = childRelations;
        this.handlers = handlers;
        this.constructor = generate();
    }

    static SbbComponent of(Class<? extends Sbb> sbbClass) {
        int modifiers = sbbClass.getModifiers();
        if (!Modifier.isPublic(modifiers) || Modifier.isFinal(modifiers) || sbbClass.isInterface()) {
            throw new SbbDefinitionException(sbbClass.getName() + " must be a public, non-final class");
        }
        try {
            if (!Modifier.isPublic(sbbClass.getDeclaredConstructor().getModifiers())) {
                throw new SbbDefinitionException(sbbClass.getName() + " needs a public no-argument constructor");
            }
        } catch (NoSuchMethodException e) {
            throw new SbbDefinitionException(sbbClass.getName() + " needs a public no-argument constructor", e);
        }
        Map<String, Method> resolved = resolveMethods(sbbClass);
        Map<Method, AbstractMethod> abstracts = new LinkedHashMap<>();
        Map<String, ChildRelationSpec> children = new LinkedHashMap<>();
        classifyAbstractMethods(sbbClass, resolved, abstracts, children);
        List<Handler> handlers = new ArrayList<>();
        for (Method method : resolved.values()) {
            handlerOf(method).ifPresent(handlers::add);
        }
        SbbLocal local = sbbClass.getAnnotation(SbbLocal.class);
        Class<? extends SbbLocalObject> localInterface = local == null ? SbbLocalObject.class : local.value();
        return new SbbComponent(sbbClass, Map.copyOf(abstracts), Map.copyOf(children), List.copyOf(handlers),
                localInterface, localMethods(sbbClass, localInterface, resolved));
    }

    /** Pairs each business method of the local interface with the SBB method that implements it. */
    private static Map<Method, Method> localMethods(Class<?> sbbClass, Class<? extends SbbLocalObject> localInterface,
                                                    Map<String, Method> resolved) {
        if (!localInterface.isInterface() || !Modifier.isPublic(localInterface.getModifiers())) {
            throw new SbbDefinitionException(localInterface.getName() + " must be a public interface");
        }
        Map<Method, Method> methods = new HashMap<>();
        for (Method method : localInterface.getMethods()) {
            if (method.getDeclaringClass() == SbbLocalObject.class) {
                continue;
            }
            Method implementation = resolved.get(signature(method));
            if (implementation == null || Modifier.isAbstract(implementation.getModifiers())
                    || !Modifier.isPublic(implementation.getModifiers())
                    || !method.getReturnType().isAssignableFrom(implementation.getReturnType())) {
                throw new SbbDefinitionException(sbbClass.getName() + " does not implement " + method.getName()
                        + " of its local interface " + localInterface.getName());
            }
            implementation.setAccessible(true);
            methods.put(method, implementation);
        }
        return Map.copyOf(methods);
    }

    /** The local object of an entity: a proxy of the local interface if the SBB declares one. */
    SbbLocalObject newLocalObject(SbbEntity entity) {
        EntityLocalObject local = new EntityLocalObject(entity);
        if (localInterface == SbbLocalObject.class) {
            return local;
        }
        return (SbbLocalObject) Proxy.newProxyInstance(localInterface.getClassLoader(),
                new Class<?>[] {localInterface}, new LocalObjectHandler(local, localMethods));
    }

    Class<? extends Sbb> sbbClass() {
        return sbbClass;
    }

    Map<String, ChildRelationSpec> childRelations() {
        return childRelations;
    }

    Sbb instantiate(SbbEntity entity) {
        try {
            Sbb sbb = constructor.newInstance();
            ((GeneratedSbb) sbb).parleySbbEntity(entity);
            return sbb;
        } catch (ReflectiveOperationException e) {
            throw new javax.slee.SLEEException("cannot instantiate " + sbbClass.getName(), e);
        }
    }

    /** The handler for events of this class, if the SBB has one. */
    Optional<Handler> handlerFor(Class<?> eventClass) {
        return handlersByEventClass.computeIfAbsent(eventClass, this::findHandler);
    }

    /** True if some handler takes every instance of {@code eventType}, so no initial event can go unhandled. */
    boolean handlesAll(Class<?> eventType) {
        return handlers.stream().anyMatch(handler -> handler.eventType().isAssignableFrom(eventType));
    }

    boolean handlesEventNamed(String eventName) {
        return handlers.stream().anyMatch(handler -> handler.eventName().equals(eventName));
    }

    private Optional<Handler> findHandler(Class<?> eventClass) {
        List<Handler> candidates = handlers.stream()
                .filter(handler -> handler.eventType().isAssignableFrom(eventClass))
                .toList();
        for (Handler candidate : candidates) {
            if (candidates.stream().allMatch(other -> other.eventType().isAssignableFrom(candidate.eventType()))) {
                return Optional.of(candidate);
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        throw new SbbDefinitionException(sbbClass.getName() + " has no single most specific handler for "
                + eventClass.getName() + " among " + candidates.stream().map(h -> h.method().getName()).toList());
    }

    private Constructor<? extends Sbb> generate() {
        InvocationHandler dispatcher = (self, method, args) -> {
            SbbEntity entity = (SbbEntity) ((GeneratedSbb) self).parleySbbEntity();
            return entity.invokeAbstract(abstractMethods.get(method), args);
        };
        // Later matchers take precedence in Byte Buddy, so the GeneratedSbb accessors are registered last.
        Class<? extends Sbb> generated = new ByteBuddy()
                .subclass(sbbClass)
                .name(sbbClass.getName() + "$ParleySbb")
                .method(ElementMatchers.isAbstract())
                .intercept(InvocationHandlerAdapter.of(dispatcher))
                .defineField("parleySbbEntity", Object.class, Visibility.PRIVATE)
                .implement(GeneratedSbb.class)
                .intercept(FieldAccessor.ofField("parleySbbEntity"))
                .make()
                .load(sbbClass.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
                .getLoaded();
        try {
            return generated.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new SbbDefinitionException("generated class for " + sbbClass.getName() + " has no constructor", e);
        }
    }

    /** Every instance method the class has, keyed by signature, as seen from the class (most derived wins). */
    private static Map<String, Method> resolveMethods(Class<?> sbbClass) {
        Map<String, Method> resolved = new LinkedHashMap<>();
        List<Class<?>> interfaces = new ArrayList<>();
        for (Class<?> c = sbbClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (!Modifier.isStatic(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()) {
                    resolved.putIfAbsent(signature(method), method);
                }
            }
            interfaces.addAll(Arrays.asList(c.getInterfaces()));
        }
        while (!interfaces.isEmpty()) {
            Class<?> type = interfaces.remove(0);
            for (Method method : type.getDeclaredMethods()) {
                if (!Modifier.isStatic(method.getModifiers())) {
                    resolved.putIfAbsent(signature(method), method);
                }
            }
            interfaces.addAll(Arrays.asList(type.getInterfaces()));
        }
        return resolved;
    }

    private static String signature(Method method) {
        return method.getName() + Arrays.toString(method.getParameterTypes());
    }

    private static void classifyAbstractMethods(Class<?> sbbClass, Map<String, Method> resolved,
                                                Map<Method, AbstractMethod> abstracts,
                                                Map<String, ChildRelationSpec> children) {
        Map<String, Method> getters = new HashMap<>();
        Map<String, Method> setters = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Method method : resolved.values()) {
            if (!Modifier.isAbstract(method.getModifiers())) {
                continue;
            }
            String name = method.getName();
            int modifiers = method.getModifiers();
            Class<?>[] parameters = method.getParameterTypes();
            if (!Modifier.isPublic(modifiers) && !Modifier.isProtected(modifiers)) {
                problems.add(name + " must be public or protected for the runtime to implement it");
            } else if (method.getDeclaringClass().isInterface()) {
                problems.add(name + " of " + method.getDeclaringClass().getSimpleName()
                        + " is not implemented (BaseSbb implements the lifecycle methods)");
            } else if (ChildRelation.class == method.getReturnType() && parameters.length == 0) {
                ChildSbb child = method.getAnnotation(ChildSbb.class);
                if (child == null) {
                    problems.add(name + " returns a ChildRelation but has no @ChildSbb naming the child SBB");
                } else {
                    children.put(name, new ChildRelationSpec(name, child.value(), child.priority()));
                    abstracts.put(method, new ChildGet(name));
                }
            } else if (name.startsWith("fire") && method.getReturnType() == void.class && parameters.length == 3
                    && parameters[1] == ActivityContextInterface.class && parameters[2] == Address.class) {
                abstracts.put(method, new Fire());
            } else if (cmpField(method, "get", 0) != null || cmpField(method, "is", 0) != null) {
                getters.put(cmpField(method, method.getName().startsWith("is") ? "is" : "get", 0), method);
            } else if (cmpField(method, "set", 1) != null && method.getReturnType() == void.class) {
                setters.put(cmpField(method, "set", 1), method);
            } else {
                problems.add(name + " is abstract but is neither a CMP accessor, a child relation nor a fire method");
            }
        }
        for (Map.Entry<String, Method> getter : getters.entrySet()) {
            Method setter = setters.get(getter.getKey());
            if (setter == null || setter.getParameterTypes()[0] != getter.getValue().getReturnType()) {
                problems.add("CMP field " + getter.getKey() + " needs a getter and a setter of the same type");
                continue;
            }
            abstracts.put(getter.getValue(), new CmpGet(getter.getKey(), defaultValue(getter.getValue().getReturnType())));
            abstracts.put(setter, new CmpSet(getter.getKey()));
        }
        setters.keySet().stream().filter(field -> !getters.containsKey(field))
                .forEach(field -> problems.add("CMP field " + field + " has a setter but no getter"));
        if (!problems.isEmpty()) {
            throw new SbbDefinitionException(sbbClass.getName() + ": " + String.join("; ", problems));
        }
    }

    private static String cmpField(Method method, String prefix, int parameterCount) {
        String name = method.getName();
        if (!name.startsWith(prefix) || name.length() == prefix.length()
                || !Character.isUpperCase(name.charAt(prefix.length()))
                || method.getParameterCount() != parameterCount) {
            return null;
        }
        if (parameterCount == 0 && (method.getReturnType() == void.class
                || prefix.equals("is") && method.getReturnType() != boolean.class)) {
            return null;
        }
        return Introspector.decapitalize(name.substring(prefix.length()));
    }

    private static Object defaultValue(Class<?> type) {
        if (!type.isPrimitive()) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == float.class) {
            return 0f;
        }
        if (type == double.class) {
            return 0d;
        }
        if (type == byte.class) {
            return (byte) 0;
        }
        if (type == short.class) {
            return (short) 0;
        }
        return 0;
    }

    private static Optional<Handler> handlerOf(Method method) {
        String name = method.getName();
        int modifiers = method.getModifiers();
        if (name.length() < 3 || !name.startsWith("on") || !Character.isUpperCase(name.charAt(2))
                || method.getParameterCount() != 2 || method.getReturnType() != void.class
                || Modifier.isAbstract(modifiers) || Modifier.isPrivate(modifiers)
                || method.getParameterTypes()[1] != ActivityContextInterface.class
                || method.getParameterTypes()[0].isPrimitive()) {
            return Optional.empty();
        }
        method.setAccessible(true);
        return Optional.of(new Handler(method, method.getParameterTypes()[0], name.substring(2)));
    }

    /** An abstract method the runtime implements for the SBB. */
    sealed interface AbstractMethod permits CmpGet, CmpSet, ChildGet, Fire {
    }

    record CmpGet(String field, Object defaultValue) implements AbstractMethod {
    }

    record CmpSet(String field) implements AbstractMethod {
    }

    record ChildGet(String relation) implements AbstractMethod {
    }

    record Fire() implements AbstractMethod {
    }

    record Handler(Method method, Class<?> eventType, String eventName) {
    }

    record ChildRelationSpec(String name, Class<? extends Sbb> childSbb, byte priority) {
    }
}
