package org.certbound.cli.certutil;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;
import org.certbound.cli.SecretInput;
import org.certbound.cli.Terminal;

/** Writes a made certificate in the chosen format and prints what was written. */
final class CertificateWriter {

    private CertificateWriter() {}

    /**
     * Writes the key and chain and returns the files written.
     *
     * @param shippedChain the certificates to write after the key's own certificate
     */
    static List<Path> write(
            Terminal terminal,
            OutputOptions output,
            String defaultName,
            IssuedCertificate created,
            List<X509Certificate> shippedChain) {
        String name = output.nameOr(defaultName);
        char[] password = output.needsPassword()
                ? SecretInput.resolve(
                        terminal,
                        output.format == OutputOptions.Format.pkcs12 ? "PKCS#12 password" : "key passphrase",
                        "--pass-stdin",
                        output.passStdin,
                        "--pass-env",
                        output.passEnv,
                        true)
                : null;
        try {
            return output.format == OutputOptions.Format.pkcs12
                    ? writePkcs12(output, name, created, shippedChain, password)
                    : writePem(output, name, created, shippedChain, password);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private static List<Path> writePem(
            OutputOptions output,
            String name,
            IssuedCertificate created,
            List<X509Certificate> shipped,
            char[] password) {
        Path certificateFile = output.outDir.resolve(name + ".crt");
        Path keyFile = output.outDir.resolve(name + ".key");
        // Encode both before writing either, so that a failure leaves no half of the pair behind.
        byte[] certificatePem = utf8(PemFiles.certificatesToPem(shipped));
        byte[] keyPem = utf8(PemFiles.privateKeyToPem(created.privateKey(), password));
        OutputFiles.requireAbsent(List.of(certificateFile, keyFile), output.force);
        OutputFiles.write(certificateFile, certificatePem, false, output.force);
        OutputFiles.write(keyFile, keyPem, true, output.force);
        return List.of(certificateFile, keyFile);
    }

    private static List<Path> writePkcs12(
            OutputOptions output,
            String name,
            IssuedCertificate created,
            List<X509Certificate> shipped,
            char[] password) {
        Path storeFile = output.outDir.resolve(name + ".p12");
        IssuedCertificate entry = new IssuedCertificate(created.privateKey(), shipped);
        OutputFiles.write(storeFile, Pkcs12Files.encode(entry, name, password), true, output.force);
        return List.of(storeFile);
    }

    /** Prints the subject, issuer, validity, fingerprint and files of a made certificate. */
    static void printSummary(PrintWriter out, String kind, X509Certificate certificate, List<Path> files) {
        out.printf(Locale.ROOT, "Created %s%n", kind);
        out.printf(
                Locale.ROOT,
                "  subject:     %s%n",
                certificate.getSubjectX500Principal().getName(X500Principal.RFC2253));
        out.printf(
                Locale.ROOT,
                "  issuer:      %s%n",
                certificate.getIssuerX500Principal().getName(X500Principal.RFC2253));
        out.printf(
                Locale.ROOT, "  not before:  %s%n", certificate.getNotBefore().toInstant());
        out.printf(Locale.ROOT, "  not after:   %s%n", certificate.getNotAfter().toInstant());
        out.printf(Locale.ROOT, "  sha256:      %s%n", sha256(certificate));
        List<String> names = new ArrayList<>();
        files.forEach(file -> names.add(file.toString()));
        out.printf(Locale.ROOT, "  files:       %s%n", String.join(", ", names));
        out.flush();
    }

    /** Returns the SHA-256 fingerprint of a certificate's DER encoding as colon-separated uppercase hex. */
    static String sha256(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("failed to fingerprint a certificate", e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
