package org.certbound.identity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Loads PKCS#12 and JKS keystores, telling a wrong password apart from a malformed file. */
final class Keystores {
    private Keystores() {}

    /**
     * Returns {@code type} upper-cased, or infers it from the file name: {@code .jks} is JKS and everything else is
     * PKCS12. The JDK's PKCS12 implementation also reads JKS files, so a wrong guess still loads.
     */
    static String resolveType(Path path, @Nullable String type, String typeSetting) throws KeyMaterialException {
        if (type != null && !type.isBlank()) {
            String upper = type.strip().toUpperCase(Locale.ROOT);
            if (!upper.equals("PKCS12") && !upper.equals("JKS")) {
                throw new KeyMaterialException(
                        KeyMaterialException.Kind.MALFORMED_KEYSTORE,
                        "keystore type [" + type + "] set in [" + typeSetting + "] is not supported; expected one of"
                                + " [PKCS12, JKS]");
            }
            return upper;
        }
        String name =
                path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jks") ? "JKS" : "PKCS12";
    }

    static KeyStore load(Path path, String type, char[] password, String pathSetting, String passwordSetting)
            throws KeyMaterialException {
        KeyStore store;
        try {
            store = KeyStore.getInstance(type);
        } catch (KeyStoreException e) {
            throw new IllegalStateException("the JDK provides no [" + type + "] keystore", e);
        }
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password);
            return store;
        } catch (NoSuchFileException e) {
            throw new KeyMaterialException(
                    KeyMaterialException.Kind.FILE_UNREADABLE,
                    "keystore [" + path + "] set in [" + pathSetting + "] does not exist",
                    e);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e.getCause() instanceof UnrecoverableKeyException && password.length == 0) {
                // "Wrong password" would send the operator looking for a typo in a value that does not exist.
                throw new KeyMaterialException(
                        KeyMaterialException.Kind.WRONG_STORE_PASSWORD,
                        "keystore [" + path + "] set in [" + pathSetting + "] has a password, but the secure setting ["
                                + passwordSetting + "] is not set or empty; add it with [certbound keystore add "
                                + passwordSetting + " --config <node config dir>]",
                        e);
            }
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new KeyMaterialException(
                        KeyMaterialException.Kind.WRONG_STORE_PASSWORD,
                        "wrong password for keystore [" + path + "] set in [" + pathSetting + "]; check the secure"
                                + " setting [" + passwordSetting + "]",
                        e);
            }
            throw new KeyMaterialException(
                    KeyMaterialException.Kind.MALFORMED_KEYSTORE,
                    "keystore [" + path + "] set in [" + pathSetting + "] cannot be read as " + type + ": " + e
                            + "; check the file and the keystore type",
                    e);
        }
    }

    /** Returns the aliases of private key entries, sorted. */
    static List<String> privateKeyAliases(KeyStore store) throws KeyStoreException {
        List<String> aliases = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (store.entryInstanceOf(alias, KeyStore.PrivateKeyEntry.class)) {
                aliases.add(alias);
            }
        }
        Collections.sort(aliases);
        return aliases;
    }
}
