package org.certbound.server.node;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.certbound.server.settings.Setting;

/** Settings of the node itself: names and paths. */
public final class NodeSettings {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-.]+");

    /** The cluster name, shown by {@code GET /} and used to tell clusters apart. */
    public static final Setting<String> CLUSTER_NAME = Setting.stringSetting(
            "cluster.name", "certbound", NodeSettings::validateName, "The name of the cluster this node belongs to.");

    /** The node name; defaults to the host name. */
    public static final Setting<String> NODE_NAME = Setting.customSetting(
            "node.name",
            null,
            "the host name",
            value -> {
                validateName(value);
                return value;
            },
            "a name of letters, digits, [_], [-] and [.]",
            "The name of this node, shown by the root endpoint and in logs.");

    /** The data directory, used when the command line gives none. */
    public static final Setting<Optional<Path>> PATH_DATA =
            Setting.pathSetting("path.data", "The data directory, used when [--data] is not given.");

    /** The logs directory, used when the command line gives none. */
    public static final Setting<Optional<Path>> PATH_LOGS =
            Setting.pathSetting("path.logs", "The logs directory, used when [--logs] is not given.");

    private NodeSettings() {}

    /** Returns every declaration of this class. */
    public static List<Object> all() {
        return List.of(CLUSTER_NAME, NODE_NAME, PATH_DATA, PATH_LOGS, FileWatcher.RELOAD_INTERVAL);
    }

    /** Returns the configured node name, or the host name. */
    static String nodeName(org.certbound.server.settings.Settings settings) {
        String configured = NODE_NAME.get(settings);
        if (configured != null) {
            return configured;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "certbound-node";
        }
    }

    private static void validateName(String value) {
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("use letters, digits, [_], [-] and [.]");
        }
    }
}
