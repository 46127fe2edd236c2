package org.certbound.server.node;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.certbound.server.keystore.CertboundKeystore;
import org.certbound.server.keystore.KeystoreException;
import org.certbound.server.settings.SecureSettings;
import org.certbound.server.settings.Settings;
import org.certbound.server.settings.SettingsException;

/**
 * Where a node lives: its config, data and logs directories, the static settings of {@code certbound.yml}
 * merged with the command line's {@code -E} overrides, and the keystore password.
 */
public final class NodeEnvironment {

    /** The config file name inside the config directory. */
    public static final String CONFIG_FILE = "certbound.yml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path configDir;
    private final Path dataDir;
    private final Path logsDir;
    private final Settings settings;
    private final char[] keystorePassword;

    /**
     * Loads {@code <configDir>/certbound.yml} and applies {@code cliOverrides}; the logs go to
     * {@code <configDir>/../logs} and the keystore must be unprotected.
     *
     * @throws SettingsException when the config file cannot be read or parsed
     */
    public NodeEnvironment(Path configDir, Path dataDir, Settings cliOverrides) {
        this(configDir, dataDir, null, cliOverrides, new char[0]);
    }

    /**
     * Loads {@code <configDir>/certbound.yml} and applies {@code cliOverrides}.
     *
     * @param dataDir the data directory, or null for {@code path.data} or {@code <configDir>/../data}
     * @param logsDir the logs directory, or null for {@code path.logs} or {@code <configDir>/../logs}
     * @param keystorePassword the keystore password, empty when it has none; the array is copied
     * @throws SettingsException when the config file cannot be read or parsed
     */
    public NodeEnvironment(Path configDir, Path dataDir, Path logsDir, Settings cliOverrides, char[] keystorePassword) {
        this.configDir = configDir.toAbsolutePath().normalize();
        this.settings = loadConfigFile(this.configDir).merge(Objects.requireNonNull(cliOverrides, "cliOverrides"));
        this.dataDir = resolveDir(dataDir, NodeSettings.PATH_DATA.get(settings).orElse(null), "data");
        this.logsDir = resolveDir(logsDir, NodeSettings.PATH_LOGS.get(settings).orElse(null), "logs");
        this.keystorePassword = keystorePassword.clone();
    }

    private Path resolveDir(Path explicit, Path fromSettings, String defaultName) {
        Path chosen = explicit != null ? explicit : fromSettings;
        if (chosen == null) {
            chosen = configDir.resolveSibling(defaultName);
        }
        return configDir.resolve(chosen).toAbsolutePath().normalize();
    }

    /**
     * Reads {@code certbound.yml} in flat or nested form; a missing or empty file gives no settings.
     *
     * @throws SettingsException when the file cannot be read or is not a YAML mapping
     */
    public static Settings loadConfigFile(Path configDir) {
        Path file = configDir.resolve(CONFIG_FILE);
        if (!Files.exists(file)) {
            return Settings.EMPTY;
        }
        try {
            byte[] content = Files.readAllBytes(file);
            if (new String(content, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
                return Settings.EMPTY;
            }
            Map<String, Object> map = YAML.readValue(content, new TypeReference<Map<String, Object>>() {});
            return map == null ? Settings.EMPTY : Settings.fromFlatOrNested(map);
        } catch (JsonProcessingException e) {
            String location = e.getLocation() == null
                    ? ""
                    : " at line [" + e.getLocation().getLineNr() + "] column ["
                            + e.getLocation().getColumnNr() + "]";
            throw new SettingsException(
                    CONFIG_FILE, "failed to parse [" + file + "]" + location + ": " + e.getOriginalMessage(), e);
        } catch (SettingsException e) {
            throw new SettingsException(e.key(), e.getMessage() + " in [" + file + "]", e);
        } catch (IOException e) {
            throw new SettingsException(CONFIG_FILE, "failed to read [" + file + "]: " + e.getMessage(), e);
        }
    }

    /**
     * Opens the keystore with the configured password, or returns {@link SecureSettings#EMPTY} when there is none.
     *
     * @throws KeystoreException when the keystore is corrupt or the password is wrong
     */
    public SecureSettings loadSecureSettings() throws KeystoreException {
        return loadSecureSettings(keystorePassword);
    }

    /** Opens the keystore with {@code password}, or returns {@link SecureSettings#EMPTY} when there is none. */
    public SecureSettings loadSecureSettings(char[] password) throws KeystoreException {
        if (!CertboundKeystore.exists(configDir)) {
            return SecureSettings.EMPTY;
        }
        return CertboundKeystore.load(configDir, password);
    }

    /** Returns the config directory. */
    public Path configDir() {
        return configDir;
    }

    /** Returns the data directory. */
    public Path dataDir() {
        return dataDir;
    }

    /** Returns the logs directory. */
    public Path logsDir() {
        return logsDir;
    }

    /** Returns {@code certbound.yml} merged with the {@code -E} overrides. */
    public Settings settings() {
        return settings;
    }

    /** Zeroes the stored keystore password. */
    void clearPassword() {
        Arrays.fill(keystorePassword, '\0');
    }
}
