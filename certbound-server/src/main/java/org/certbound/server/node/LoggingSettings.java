package org.certbound.server.node;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.certbound.server.settings.Property;
import org.certbound.server.settings.Setting;
import org.certbound.server.settings.Settings;
import org.certbound.server.settings.SettingsListener;
import org.slf4j.LoggerFactory;

/** The dynamic log level of the node: {@code logger.level} sets the root logger's level. */
public final class LoggingSettings {

    /** The root log level. */
    public static final Setting<String> LEVEL = Setting.stringSetting(
            "logger.level",
            "info",
            value -> {
                if (!List.of("trace", "debug", "info", "warn", "error").contains(value.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("expected one of [trace, debug, info, warn, error]");
                }
            },
            "The level of the root logger: trace, debug, info, warn or error.",
            Property.DYNAMIC);

    private LoggingSettings() {}

    /** Returns every declaration of this class. */
    public static List<Object> all() {
        return List.of(LEVEL);
    }

    /** Sets the root level from {@code settings}; does nothing when Logback is not the SLF4J backend. */
    static void applyLevel(Settings settings) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.setLevel(Level.toLevel(LEVEL.get(settings), Level.INFO));
        }
    }

    /** Returns the listener that applies {@code logger.level} updates. */
    static SettingsListener listener() {
        return new SettingsListener() {
            @Override
            public Predicate<String> keys() {
                return LEVEL.key()::equals;
            }

            @Override
            public void apply(Settings previous, Settings current) {
                applyLevel(current);
                LoggerFactory.getLogger(LoggingSettings.class)
                        .info("set the root log level to [{}]", LEVEL.get(current));
            }
        };
    }
}
