package org.certbound.identity;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemHeader;
import org.bouncycastle.util.io.pem.PemObject;
import org.jspecify.annotations.Nullable;

/**
 * Parses PEM private keys: PKCS#8 ({@code PRIVATE KEY}), PKCS#8 encrypted with PBES2 ({@code ENCRYPTED PRIVATE
 * KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) and SEC1 ({@code EC PRIVATE KEY}, optionally after an {@code EC PARAMETERS}
 * block). OpenSSL's legacy encryption ({@code Proc-Type: 4,ENCRYPTED}) is rejected, because its key derivation is a
 * single MD5 round; the error gives the command that converts the file to PKCS#8.
 */
final class PemKeys {
    private static final Set<String> KEY_LABELS =
            Set.of("PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY");

    private PemKeys() {}

    /** Where the key came from, for messages: file, setting and the secure setting of the passphrase. */
    record Origin(Path path, String keySetting, String passphraseSetting) {
        String file() {
            return "[" + path + "] set in [" + keySetting + "]";
        }
    }

    static PrivateKey readPrivateKey(Origin origin, char @Nullable [] passphrase) throws KeyMaterialException {
        List<PemObject> blocks = PemFiles.readBlocks(origin.path(), origin.keySetting());
        try {
            PemObject keyBlock = selectKeyBlock(blocks, origin);
            PrivateKeyInfo info = toPrivateKeyInfo(keyBlock, curveParameters(blocks), passphrase, origin);
            return convert(info, origin);
        } finally {
            for (PemObject block : blocks) {
                Arrays.fill(block.getContent(), (byte) 0);
            }
        }
    }

    private static PemObject selectKeyBlock(List<PemObject> blocks, Origin origin) throws KeyMaterialException {
        List<PemObject> keys = new ArrayList<>();
        for (PemObject block : blocks) {
            if (KEY_LABELS.contains(block.getType())) {
                keys.add(block);
            }
        }
        if (keys.isEmpty()) {
            throw new KeyMaterialException(
                    blocks.isEmpty()
                            ? KeyMaterialException.Kind.NO_PRIVATE_KEY
                            : KeyMaterialException.Kind.UNEXPECTED_PEM_TYPE,
                    "file " + origin.file() + " contains no private key: expected a private key, found "
                            + PemFiles.labels(blocks));
        }
        if (keys.size() > 1) {
            throw new KeyMaterialException(
                    KeyMaterialException.Kind.MULTIPLE_KEYS,
                    "file " + origin.file() + " contains " + keys.size() + " private keys " + PemFiles.labels(keys)
                            + "; keep only the key of the signing certificate");
        }
        return keys.get(0);
    }

    private static @Nullable ASN1Primitive curveParameters(List<PemObject> blocks) {
        for (PemObject block : blocks) {
            if ("EC PARAMETERS".equals(block.getType())) {
                try {
                    return ASN1Primitive.fromByteArray(block.getContent());
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static PrivateKeyInfo toPrivateKeyInfo(
            PemObject block, @Nullable ASN1Primitive curve, char @Nullable [] passphrase, Origin origin)
            throws KeyMaterialException {
        rejectLegacyEncryption(block, origin);
        try {
            switch (block.getType()) {
                case "PRIVATE KEY":
                    return PrivateKeyInfo.getInstance(block.getContent());
                case "ENCRYPTED PRIVATE KEY":
                    return decrypt(block.getContent(), passphrase, origin);
                case "RSA PRIVATE KEY":
                    return new PrivateKeyInfo(
                            new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                            RSAPrivateKey.getInstance(block.getContent()));
                default:
                    return sec1(block.getContent(), curve, origin);
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new KeyMaterialException(
                    KeyMaterialException.Kind.MALFORMED_PEM,
                    "the " + block.getType() + " block in " + origin.file() + " is not valid DER: " + e.getMessage(),
                    e);
        }
    }

    private static void rejectLegacyEncryption(PemObject block, Origin origin) throws KeyMaterialException {
        for (Object header : block.getHeaders()) {
            PemHeader pemHeader = (PemHeader) header;
            if ("Proc-Type".equalsIgnoreCase(pemHeader.getName())
                    && pemHeader.getValue().contains("ENCRYPTED")) {
                throw new KeyMaterialException(
                        KeyMaterialException.Kind.LEGACY_ENCRYPTED_PEM,
                        "file " + origin.file() + " is encrypted with OpenSSL's legacy PEM encryption (Proc-Type and"
                                + " DEK-Info headers), which is not supported; convert it to encrypted PKCS#8 with"
                                + " [openssl pkcs8 -topk8 -v2 aes-256-cbc -in " + origin.path() + " -out "
                                + origin.path() + ".p8] and point [" + origin.keySetting() + "] at the new file");
            }
        }
    }

    private static PrivateKeyInfo decrypt(byte[] content, char @Nullable [] passphrase, Origin origin)
            throws IOException, KeyMaterialException {
        if (passphrase == null) {
            throw new KeyMaterialException(
                    KeyMaterialException.Kind.MISSING_PASSPHRASE,
                    "file " + origin.file() + " contains an encrypted private key but no passphrase is configured; add"
                            + " it to the secure setting [" + origin.passphraseSetting() + "]");
        }
        try {
            return new PKCS8EncryptedPrivateKeyInfo(content)
                    .decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                            .setProvider(new BouncyCastleProvider())
                            .build(passphrase));
        } catch (PKCSException e) {
            throw new KeyMaterialException(
                    KeyMaterialException.Kind.WRONG_PASSPHRASE,
                    "wrong passphrase for the encrypted private key in " + origin.file() + "; check the secure"
                            + " setting [" + origin.passphraseSetting() + "]",
                    e);
        } catch (OperatorCreationException e) {
            throw new KeyMaterialException(
                    KeyMaterialException.Kind.MALFORMED_PEM,
                    "the encryption scheme of the private key in " + origin.file() + " is not supported; re-encrypt"
                            + " it with [openssl pkcs8 -topk8 -v2 aes-256-cbc]",
                    e);
        }
    }

    private static PrivateKeyInfo sec1(byte[] content, @Nullable ASN1Primitive curve, Origin origin)
            throws IOException, KeyMaterialException {
        ECPrivateKey key = ECPrivateKey.getInstance(content);
        ASN1Object parametersObject = key.getParametersObject();
        ASN1Primitive parameters = parametersObject == null ? null : parametersObject.toASN1Primitive();
        if (parameters == null) {
            parameters = curve;
        }
        if (parameters == null) {
            throw new KeyMaterialException(
                    KeyMaterialException.Kind.MALFORMED_PEM,
                    "the EC PRIVATE KEY in " + origin.file() + " names no curve and no EC PARAMETERS block precedes"
                            + " it; convert it with [openssl pkcs8 -topk8 -nocrypt]");
        }
        return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, parameters), key);
    }

    private static PrivateKey convert(PrivateKeyInfo info, Origin origin) throws KeyMaterialException {
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (IOException | RuntimeException e) {
            throw new KeyMaterialException(
                    isEc(info)
                            ? KeyMaterialException.Kind.UNSUPPORTED_CURVE
                            : KeyMaterialException.Kind.UNSUPPORTED_KEY_TYPE,
                    "the JDK cannot load the private key in " + origin.file() + " (" + describe(info)
                            + "); use an RSA, EC P-256, P-384, P-521 or Ed25519 key",
                    e);
        }
    }

    private static boolean isEc(PrivateKeyInfo info) {
        return X9ObjectIdentifiers.id_ecPublicKey.equals(
                info.getPrivateKeyAlgorithm().getAlgorithm());
    }

    private static String describe(PrivateKeyInfo info) {
        ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
        if (isEc(info) && info.getPrivateKeyAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve) {
            String name = ECNamedCurveTable.getName(curve);
            return "EC curve " + (name == null ? curve.getId() : name);
        }
        return "key algorithm " + algorithm.getId();
    }
}
