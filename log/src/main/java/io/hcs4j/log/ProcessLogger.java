package io.hcs4j.log;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A named logger that asks {@link Logging} for the level at each call: it holds no level of its own. */
final class ProcessLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    ProcessLogger(String name) {
        this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
        return Logging.enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return Logging.enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return Logging.enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return Logging.enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return Logging.enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
            Throwable throwable) {
        Logging.write(level, name, MessageFormatter.basicArrayFormat(pattern, arguments), throwable);
    }
}
