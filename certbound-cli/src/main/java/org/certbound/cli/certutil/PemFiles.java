package org.certbound.cli.certutil;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Reads and writes PEM certificates and private keys.
 *
 * <p>Keys are written as PKCS#8, either plain ({@code PRIVATE KEY}) or encrypted with PBES2, PBKDF2 with
 * HMAC-SHA256 and AES-256-CBC ({@code ENCRYPTED PRIVATE KEY}), the form {@code openssl pkcs8 -topk8 -v2 aes-256-cbc}
 * writes. Reading also accepts PKCS#1 RSA and SEC1 EC keys, with or without a leading {@code EC PARAMETERS} block,
 * and OpenSSL's legacy encrypted PEM.
 */
public final class PemFiles {

    /** PBKDF2 iteration count for encrypted keys; OpenSSL 3.0's own default is 2048. */
    static final int PBKDF2_ITERATIONS = 100_000;

    /**
     * BouncyCastle's provider, used as an instance and never registered globally: the JDK's providers lack the
     * {@code AES/CBC/PKCS7Padding} cipher name that BouncyCastle's PKCS#8 encryptor requests.
     */
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private PemFiles() {}

    /** Renders certificates as concatenated PEM blocks, in the given order. */
    public static String certificatesToPem(List<X509Certificate> certificates) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new IllegalStateException("failed to encode a certificate as PEM", e);
        }
        return text.toString();
    }

    /**
     * Renders a private key as PKCS#8 PEM, encrypted when a passphrase is given.
     *
     * @param passphraseOrNull the passphrase, or null for an unencrypted key
     */
    public static String privateKeyToPem(PrivateKey key, char[] passphraseOrNull) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(key, encryptor(passphraseOrNull)).generate());
        } catch (IOException e) {
            throw new IllegalStateException("failed to encode the private key as PEM", e);
        }
        return text.toString();
    }

    /**
     * Reads every certificate of a PEM file, in file order.
     *
     * @throws IllegalArgumentException when the file holds no certificate or a block does not parse
     * @throws IOException when the file cannot be read
     */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(reader(file))) {
            Object item;
            while ((item = parser.readObject()) != null) {
                if (item instanceof X509CertificateHolder holder) {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        } catch (PEMException | CertificateException e) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "[%s] holds a PEM block that is not a valid certificate: %s",
                            file,
                            e.getMessage()),
                    e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT, "[%s] holds no PEM certificate (no '-----BEGIN CERTIFICATE-----' block)", file));
        }
        return certificates;
    }

    /**
     * Reads the private key of a PEM file.
     *
     * @param passphrase called only when the key is encrypted
     * @throws IllegalArgumentException when the file contains no key, or the passphrase is wrong
     * @throws IOException when the file cannot be read
     */
    public static PrivateKey readPrivateKey(Path file, Supplier<char[]> passphrase) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser parser = new PEMParser(reader(file))) {
            Object item;
            while ((item = parser.readObject()) != null) {
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (item instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (item instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    return converter.getPrivateKey(decrypt(file, encrypted, passphrase));
                }
                if (item instanceof PEMEncryptedKeyPair legacy) {
                    return converter
                            .getKeyPair(legacy.decryptKeyPair(new JcePEMDecryptorProviderBuilder()
                                    .setProvider(BC)
                                    .build(passphrase.get())))
                            .getPrivate();
                }
            }
        } catch (PEMException e) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "failed to read the private key in [%s]: %s (is the passphrase right?)",
                            file,
                            e.getMessage()),
                    e);
        }
        throw new IllegalArgumentException(String.format(
                Locale.ROOT, "[%s] holds no PEM private key (no '-----BEGIN ... PRIVATE KEY-----' block)", file));
    }

    private static PrivateKeyInfo decrypt(
            Path file, PKCS8EncryptedPrivateKeyInfo encrypted, Supplier<char[]> passphrase) {
        try {
            return encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(BC)
                    .build(passphrase.get()));
        } catch (PKCSException | OperatorCreationException e) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT, "failed to decrypt the private key in [%s]: the passphrase is wrong", file),
                    e);
        }
    }

    private static OutputEncryptor encryptor(char[] passphraseOrNull) {
        if (passphraseOrNull == null) {
            return null;
        }
        try {
            return new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                    .setProvider(BC)
                    .setPRF(JcaPKCS8Generator.PRF_HMACSHA256)
                    .setIterationCount(PBKDF2_ITERATIONS)
                    .setPassword(passphraseOrNull)
                    .build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("the JDK cannot encrypt a PKCS#8 key with AES-256-CBC", e);
        }
    }

    private static Reader reader(Path file) throws IOException {
        return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }
}
