package org.certbound.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * A picocli factory that gives every command with a {@code (Terminal)} constructor the same {@link Terminal}.
 *
 * <p>The default factory uses the no-argument constructors, which read the real standard input and
 * environment; tests and the demo build their command lines with this factory instead.
 */
public final class TerminalFactory implements CommandLine.IFactory {

    private final Terminal terminal;

    /** Creates a factory that hands out the given terminal. */
    public TerminalFactory(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Constructor<K> constructor;
        try {
            constructor = type.getDeclaredConstructor(Terminal.class);
        } catch (NoSuchMethodException e) {
            return CommandLine.defaultFactory().create(type);
        }
        return constructor.newInstance(terminal);
    }
}
