package org.parley.slee.ra.sip;

import java.lang.reflect.Method;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;

import net.bytebuddy.implementation.MethodCall;
import net.bytebuddy.matcher.ElementMatchers;

import gov.nist.core.LogLevels;
import gov.nist.core.ServerLogger;
import gov.nist.core.StackLogger;

/**
 * Routes JAIN SIP RI's logging to {@link System.Logger} (JBoss Logging inside WildFly).
 *
 * <p>Why this is not a plain class: the RI's default loggers need log4j 1.x, which WildFly 39 does not ship, and
 * the RI instantiates the loggers named in its properties by class name, so the two small logger classes are
 * defined into the RI's packages at run time ({@link RiClasses}) and hand every call to a handler here, except
 * {@code isLoggingEnabled}: the RI asks it dozens of times per message, and through the handler each question cost an
 * argument array and a boxed level (2.6 % of the server's allocation at 100 call setups/s, an allocation profile of
 * the SIP benchmark on 2026-12-05), so it calls a primitive predicate directly.
 */
final class JainSipLogging {

    private static final System.Logger LOG = System.getLogger("org.parley.slee.ra.sip.jain-sip");
    static final String STACK_LOGGER = "gov.nist.core.ParleyStackLogger";
    static final String SERVER_LOGGER = "gov.nist.core.ParleyServerLogger";

    private JainSipLogging() {
    }

    /** Defines the logger classes once per RI class loader and names them in {@code properties}. */
    static synchronized void configure(Properties properties) {
        RiClasses.define(STACK_LOGGER, StackLogger.class, JainSipLogging::stackLogger, loggingEnabled());
        RiClasses.define(SERVER_LOGGER, ServerLogger.class, (proxy, method, args) -> defaultValue(method));
        properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", STACK_LOGGER);
        properties.setProperty("gov.nist.javax.sip.SERVER_LOGGER", SERVER_LOGGER);
    }

    /** {@code isLoggingEnabled()} and {@code isLoggingEnabled(int)}, implemented without the handler. */
    private static RiClasses.Direct[] loggingEnabled() {
        IntPredicate atLevel = JainSipLogging::isLoggingEnabled;
        BooleanSupplier atDebug = () -> LOG.isLoggable(System.Logger.Level.DEBUG);
        var named = ElementMatchers.named("isLoggingEnabled");
        try {
            return new RiClasses.Direct[] {
                new RiClasses.Direct(named.and(ElementMatchers.takesArguments(int.class)),
                        MethodCall.invoke(IntPredicate.class.getMethod("test", int.class))
                                .on(atLevel, IntPredicate.class).withAllArguments()),
                new RiClasses.Direct(named.and(ElementMatchers.takesNoArguments()),
                        MethodCall.invoke(BooleanSupplier.class.getMethod("getAsBoolean"))
                                .on(atDebug, BooleanSupplier.class))
            };
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the RI's messages of this trace level ({@link LogLevels}) are logged. */
    static boolean isLoggingEnabled(int traceLevel) {
        return LOG.isLoggable(level(traceLevel));
    }

    private static Object stackLogger(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "logFatalError" -> log(System.Logger.Level.ERROR, args);
            case "logError" -> log(isAboutAGonePeer(args[0]) ? System.Logger.Level.DEBUG : System.Logger.Level.ERROR,
                    args);
            // Parley listens on no TLS transport yet, so the RI's start-up warnings about TLS defaults say nothing.
            case "logWarning" -> log(isAboutTls(args[0]) || isAboutAGonePeer(args[0]) ? System.Logger.Level.DEBUG
                    : System.Logger.Level.WARNING, args);
            // The RI's INFO is start/stop chatter of its timers: debug for Parley.
            case "logInfo", "logDebug", "logTrace" -> log(System.Logger.Level.DEBUG, args);
            case "logException" -> LOG.log(System.Logger.Level.WARNING, "JAIN SIP", (Throwable) args[0]);
            case "getLoggerName" -> {
                return LOG.getName();
            }
            default -> {
                return defaultValue(method);
            }
        }
        return null;
    }

    /**
     * The RI's reports of a TCP peer that closed its connection or cannot be reached. Every phone that hangs up its
     * connection sets them off: the RI reads its close as an RFC 5626 keep-alive ping, answers with a pong on the
     * closed connection, tries to reconnect to the phone's ephemeral port and logs each step as an error. They say
     * nothing about Parley's health, and what matters of them is reported where it is handled: an answer that could
     * not be delivered by the adaptor, a request that could not be sent to its client transaction's SBB. (The RI's
     * sendBytes logs a bare "{}" among them: a placeholder it never fills.)
     */
    private static boolean isAboutAGonePeer(Object message) {
        String text = String.valueOf(message).toLowerCase(java.util.Locale.ROOT);
        return text.contains("in response to a double clrf") || text.startsWith("problem sending: sendbytes")
                || text.startsWith("could not connect to") || text.startsWith("problem connecting")
                || text.startsWith("ioexception occured retrycount") || text.startsWith("failed to connect")
                || text.startsWith("couldn't connect to peeraddress") || text.equals("{}");
    }

    private static boolean isAboutTls(Object message) {
        String text = String.valueOf(message).toLowerCase(java.util.Locale.ROOT);
        return text.contains("tls") || text.contains("keystore") || text.contains("truststore");
    }

    private static void log(System.Logger.Level level, Object[] args) {
        if (!LOG.isLoggable(level)) {
            return;
        }
        if (args.length > 1 && args[1] instanceof Throwable thrown) {
            LOG.log(level, String.valueOf(args[0]), thrown);
        } else {
            LOG.log(level, String.valueOf(args[0]));
        }
    }

    private static System.Logger.Level level(int traceLevel) {
        if (traceLevel <= LogLevels.TRACE_ERROR) {
            return System.Logger.Level.ERROR;
        }
        if (traceLevel <= LogLevels.TRACE_WARN) {
            return System.Logger.Level.WARNING;
        }
        return System.Logger.Level.DEBUG;
    }

    private static Object defaultValue(Method method) {
        Class<?> type = method.getReturnType();
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        return null;
    }
}
