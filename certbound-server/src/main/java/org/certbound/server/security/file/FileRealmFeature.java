package org.certbound.server.security.file;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.certbound.server.node.FileWatcher;
import org.certbound.server.node.NodeContext;
import org.certbound.server.node.NodeFeature;
import org.certbound.server.settings.SecureSettings;
import org.certbound.server.settings.SecureSettingsReloadListener;

/**
 * HTTP basic authentication against the built-in {@code elastic} user and the file realm, whose files are
 * reloaded when they change.
 */
public final class FileRealmFeature implements NodeFeature {

    private final List<FileWatcher.Watch> watches = new ArrayList<>();

    @Override
    public List<Object> settings() {
        return List.of(ReservedRealm.BOOTSTRAP_PASSWORD);
    }

    @Override
    public void start(NodeContext context) {
        FileRealm fileRealm = new FileRealm(context.configDir());
        ReservedRealm reservedRealm = new ReservedRealm(context.secureSettings());
        context.addAuthenticator(new BasicAuthenticator(List.of(reservedRealm, fileRealm)));
        for (Path file : fileRealm.files()) {
            watches.add(context.fileWatcher().watch(file, fileRealm::reload));
        }
        context.addSecureSettingsReloadListener(new SecureSettingsReloadListener() {
            @Override
            public String name() {
                return "reserved realm";
            }

            @Override
            public void reload(SecureSettings newSettings) {
                reservedRealm.reload(newSettings);
            }
        });
    }

    @Override
    public void close() {
        watches.forEach(FileWatcher.Watch::close);
        watches.clear();
    }
}
