package org.parley.slee.ra.sip;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.InvocationHandler;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.InvocationHandlerAdapter;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Defines small classes inside JAIN SIP RI's own packages, for the plug-ins the RI instantiates by class name.
 *
 * <p>The RI loads a class named in its properties (loggers, the message processor factory) with
 * {@code Class.forName} through its own class loader; inside the EAR that is the {@code lib/} loader, which cannot
 * see this EJB module's classes. So each plug-in is a class defined at run time beside an RI type (a private lookup
 * on it) whose abstract methods hand every call to a handler here.
 */
final class RiClasses {

    private RiClasses() {
    }

    /**
     * A method of the contract implemented directly rather than through the handler: for methods the RI calls on
     * every message, where the handler's argument array and boxing would be garbage each time. The implementation may
     * refer to JDK types only (the class lives in the RI's loader).
     */
    record Direct(ElementMatcher<? super MethodDescription> methods, Implementation implementation) {
    }

    /**
     * Defines {@code name} (in {@code contract}'s package) implementing {@code contract} through {@code handler},
     * except the methods {@code direct} implements, once per RI class loader.
     */
    static synchronized void define(String name, Class<?> contract, InvocationHandler handler, Direct... direct) {
        ClassLoader loader = contract.getClassLoader();
        try {
            Class.forName(name, false, loader);
            return;
        } catch (ClassNotFoundException notYet) {
            // define it below
        }
        try {
            DynamicType.Builder<Object> type = new ByteBuddy().subclass(Object.class).name(name).implement(contract)
                    .method(ElementMatchers.isAbstract())
                    .intercept(InvocationHandlerAdapter.of(handler));
            // Byte Buddy applies the last matching rule, so these take precedence over the handler.
            for (Direct method : direct) {
                type = type.method(method.methods()).intercept(method.implementation());
            }
            type.make()
                    .load(loader, ClassLoadingStrategy.UsingLookup.of(
                            MethodHandles.privateLookupIn(contract, MethodHandles.lookup())));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot define " + name + " beside JAIN SIP", e);
        }
    }
}
