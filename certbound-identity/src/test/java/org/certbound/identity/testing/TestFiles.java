package org.certbound.identity.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.io.pem.PemObject;
import org.jspecify.annotations.Nullable;

/** Writes certificates and keys as PEM files and keystores, the way operators' tools lay them out. */
public final class TestFiles {
    private static final BouncyCastleProvider BOUNCY_CASTLE = new BouncyCastleProvider();

    private TestFiles() {}

    /** A private key entry for {@link #writeKeystore}. */
    public record KeyEntry(String alias, PrivateKey key, char @Nullable [] keyPassword, List<X509Certificate> chain) {}

    /** Writes the certificates as consecutive PEM blocks. */
    public static Path writeCertificates(Path file, List<X509Certificate> certificates) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return write(file, text.toString());
    }

    /** Writes the key in {@code format}; {@code passphrase} is used by the encrypted formats only. */
    public static Path writeKey(Path file, PrivateKey key, KeyFormat format, char @Nullable [] passphrase) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            switch (format) {
                case PKCS8 -> writer.writeObject(new JcaPKCS8Generator(key, null));
                case PKCS8_ENCRYPTED ->
                    writer.writeObject(new JcaPKCS8Generator(
                            key,
                            new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                                    .setPRF(PKCS8Generator.PRF_HMACSHA256)
                                    .setProvider(BOUNCY_CASTLE)
                                    .setPassword(passphrase)
                                    .build()));
                case PKCS1 -> writer.writeObject(key);
                case SEC1 -> writer.writeObject(sec1(key));
                case SEC1_WITH_PARAMETERS -> {
                    writer.writeObject(
                            new PemObject("EC PARAMETERS", curveOf(key).getEncoded()));
                    writer.writeObject(sec1(key));
                }
                case LEGACY_ENCRYPTED ->
                    writer.writeObject(new JcaMiscPEMGenerator(
                            key,
                            new JcePEMEncryptorBuilder("AES-256-CBC")
                                    .setProvider(BOUNCY_CASTLE)
                                    .build(passphrase)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot encrypt the test key", e);
        }
        return write(file, text.toString());
    }

    /** Writes a keystore of {@code type} ({@code PKCS12} or {@code JKS}) with the given entries. */
    public static Path writeKeystore(Path file, String type, char[] storePassword, List<KeyEntry> entries) {
        return writeKeystore(file, type, storePassword, entries, List.of());
    }

    /** Writes a keystore with private key entries and trusted certificate entries named {@code ca-<n>}. */
    public static Path writeKeystore(
            Path file, String type, char[] storePassword, List<KeyEntry> entries, List<X509Certificate> trusted) {
        try {
            KeyStore store = KeyStore.getInstance(type);
            store.load(null, null);
            for (KeyEntry entry : entries) {
                char[] password = entry.keyPassword() == null ? storePassword : entry.keyPassword();
                store.setKeyEntry(
                        entry.alias(), entry.key(), password, entry.chain().toArray(new Certificate[0]));
            }
            for (int i = 0; i < trusted.size(); i++) {
                store.setCertificateEntry("ca-" + i, trusted.get(i));
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, storePassword);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the test keystore", e);
        }
    }

    /** Writes {@code text} as UTF-8 and returns the file. */
    public static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Encodes an EC key in SEC1 form with the curve inside, as OpenSSL writes it; the JDK's encoding omits it. */
    private static PemObject sec1(PrivateKey key) throws IOException {
        if (!(key instanceof ECPrivateKey ecKey)) {
            throw new IllegalArgumentException("SEC1 exists only for EC keys");
        }
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        org.bouncycastle.asn1.sec.ECPrivateKey inner =
                org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
        org.bouncycastle.asn1.sec.ECPrivateKey withCurve = new org.bouncycastle.asn1.sec.ECPrivateKey(
                ecKey.getParams().getOrder().bitLength(), ecKey.getS(), inner.getPublicKey(), curveOf(key));
        return new PemObject("EC PRIVATE KEY", withCurve.getEncoded());
    }

    private static org.bouncycastle.asn1.ASN1Primitive curveOf(PrivateKey key) {
        if (!(key instanceof ECPrivateKey)) {
            throw new IllegalArgumentException("EC PARAMETERS exist only for EC keys");
        }
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(
                info.getPrivateKeyAlgorithm().getAlgorithm())) {
            throw new IllegalArgumentException("not an EC key");
        }
        return info.getPrivateKeyAlgorithm().getParameters().toASN1Primitive();
    }
}
