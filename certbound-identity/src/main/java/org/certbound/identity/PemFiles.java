package org.certbound.identity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/** Reads PEM files into blocks and certificates, with errors that name the file, the setting and the labels found. */
final class PemFiles {
    private static final Set<String> CERTIFICATE_LABELS =
            Set.of("CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE");

    private PemFiles() {}

    /**
     * Reads every PEM block of a file. A UTF-8 byte order mark, CRLF line ends, text around the blocks and a missing
     * final newline are accepted.
     */
    static List<PemObject> readBlocks(Path path, String setting) throws KeyMaterialException {
        byte[] bytes = readFile(path, setting);
        String text = new String(bytes, StandardCharsets.UTF_8);
        Arrays.fill(bytes, (byte) 0);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        if (!text.contains("-----BEGIN ")) {
            throw new KeyMaterialException(
                    KeyMaterialException.Kind.MALFORMED_PEM,
                    "file [" + path + "] set in [" + setting + "] contains no PEM block; if it is DER, convert it with"
                            + " [openssl x509 -inform DER -in " + path + " -out " + path + ".pem] for a certificate or"
                            + " [openssl pkey -inform DER -in " + path + " -out " + path + ".pem] for a key");
        }
        List<PemObject> blocks = new ArrayList<>();
        try (PemReader reader = new PemReader(new StringReader(text))) {
            for (PemObject block = reader.readPemObject(); block != null; block = reader.readPemObject()) {
                blocks.add(block);
            }
        } catch (IOException | RuntimeException e) {
            throw new KeyMaterialException(
                    KeyMaterialException.Kind.MALFORMED_PEM,
                    "file [" + path + "] set in [" + setting + "] is not valid PEM: " + e.getMessage()
                            + "; each block must have matching BEGIN and END lines around Base64 content",
                    e);
        }
        return blocks;
    }

    /** Reads every certificate of a PEM file, in file order; other block types are ignored if certificates exist. */
    static List<X509Certificate> readCertificates(Path path, String setting) throws KeyMaterialException {
        List<PemObject> blocks = readBlocks(path, setting);
        List<X509Certificate> certificates = new ArrayList<>();
        for (PemObject block : blocks) {
            if (CERTIFICATE_LABELS.contains(block.getType())) {
                certificates.add(parseCertificate(block.getContent(), path, setting, certificates.size()));
            }
        }
        if (certificates.isEmpty()) {
            throw new KeyMaterialException(
                    blocks.isEmpty()
                            ? KeyMaterialException.Kind.NO_CERTIFICATE
                            : KeyMaterialException.Kind.UNEXPECTED_PEM_TYPE,
                    "file [" + path + "] set in [" + setting
                            + "] contains no certificate: expected a CERTIFICATE block," + " found " + labels(blocks));
        }
        return certificates;
    }

    static X509Certificate parseCertificate(byte[] der, Path path, String setting, int index)
            throws KeyMaterialException {
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new KeyMaterialException(
                    KeyMaterialException.Kind.MALFORMED_CERTIFICATE,
                    "certificate #" + (index + 1) + " in [" + path + "] set in [" + setting
                            + "] is not a valid X.509 certificate: " + e.getMessage(),
                    e);
        }
    }

    static String labels(List<PemObject> blocks) {
        Set<String> labels = new LinkedHashSet<>();
        for (PemObject block : blocks) {
            labels.add(block.getType());
        }
        return labels.toString();
    }

    private static byte[] readFile(Path path, String setting) throws KeyMaterialException {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new KeyMaterialException(
                    KeyMaterialException.Kind.FILE_UNREADABLE,
                    "file [" + path + "] set in [" + setting + "] does not exist",
                    e);
        } catch (IOException | SecurityException e) {
            throw new KeyMaterialException(
                    KeyMaterialException.Kind.FILE_UNREADABLE,
                    "file [" + path + "] set in [" + setting + "] cannot be read: " + e
                            + "; check that the node's user may read it",
                    e);
        }
    }
}
