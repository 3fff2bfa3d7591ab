package org.parley.slee.ra.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import gov.nist.core.LogLevels;
import gov.nist.core.StackLogger;

class JainSipLoggingTest {

    /** The JDK logger System.getLogger maps to outside WildFly; held so that its level is not collected. */
    private static final Logger JUL = Logger.getLogger("org.parley.slee.ra.sip.jain-sip");

    private final Level before = JUL.getLevel();

    @AfterEach
    void restoreLevel() {
        JUL.setLevel(before);
    }

    @Test
    void theStackLoggerAnswersIsLoggingEnabledFromTheLoggersLevelAtEveryTraceLevel() throws Exception {
        Properties properties = new Properties();
        JainSipLogging.configure(properties);
        StackLogger logger = (StackLogger) Class.forName(properties.getProperty("gov.nist.javax.sip.STACK_LOGGER"),
                true, StackLogger.class.getClassLoader()).getConstructor().newInstance();

        JUL.setLevel(Level.WARNING);
        assertTrue(logger.isLoggingEnabled(LogLevels.TRACE_ERROR));
        assertTrue(logger.isLoggingEnabled(LogLevels.TRACE_WARN));
        assertEquals(false, logger.isLoggingEnabled(LogLevels.TRACE_INFO));
        assertEquals(false, logger.isLoggingEnabled(LogLevels.TRACE_DEBUG));
        assertEquals(false, logger.isLoggingEnabled());

        JUL.setLevel(Level.FINE);
        assertTrue(logger.isLoggingEnabled(LogLevels.TRACE_DEBUG));
        assertTrue(logger.isLoggingEnabled(LogLevels.TRACE_INFO));
        assertTrue(logger.isLoggingEnabled());

        JUL.setLevel(Level.SEVERE);
        assertTrue(logger.isLoggingEnabled(LogLevels.TRACE_ERROR));
        assertEquals(false, logger.isLoggingEnabled(LogLevels.TRACE_WARN));
        // the other methods still reach the handler
        assertEquals("org.parley.slee.ra.sip.jain-sip", logger.getLoggerName());
    }
}
