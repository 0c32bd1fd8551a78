package io.cacheweave.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway certificate authority and a server certificate it signed for {@code 127.0.0.1} and {@code localhost},
 * made with the {@code openssl} command at test time (valid for one day, never written outside {@code dir}).
 *
 * @param caCert the CA's certificate (PEM): what a client must trust
 * @param serverCert the server's certificate (PEM), signed by the CA
 * @param serverKey the server's private key (PEM)
 */
public record TlsCertificates(Path caCert, Path serverCert, Path serverKey) {

    /**
     * @param dir an empty directory for the files
     * @param caName the CA's common name, so two authorities made here differ
     * @return the files
     * @throws IllegalStateException when {@code openssl} is missing or fails (its output is in the message)
     */
    public static TlsCertificates create(Path dir, String caName) {
        Path caKey = dir.resolve("ca.key");
        Path caCert = dir.resolve("ca.crt");
        Path serverKey = dir.resolve("server.key");
        Path request = dir.resolve("server.csr");
        Path serverCert = dir.resolve("server.crt");
        Path extensions = dir.resolve("server.ext");
        try {
            Files.writeString(extensions, "subjectAltName=IP:127.0.0.1,DNS:localhost\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(), "-out",
                caCert.toString(), "-days", "1", "-subj", "/CN=" + caName);
        openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", serverKey.toString(), "-out",
                request.toString(), "-subj", "/CN=127.0.0.1");
        openssl(dir, "x509", "-req", "-in", request.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-out", serverCert.toString(), "-days", "1", "-extfile", extensions.toString());
        return new TlsCertificates(caCert, serverCert, serverKey);
    }

    /** @return {@code redis-server} options serving TLS on {@code tlsPort} with this certificate */
    public List<String> redisServerArgs(int tlsPort) {
        return List.of("--tls-port", String.valueOf(tlsPort), "--tls-cert-file", serverCert.toString(),
                "--tls-key-file", serverKey.toString(), "--tls-ca-cert-file", caCert.toString(),
                "--tls-auth-clients", "no");
    }

    private static void openssl(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Path log = dir.resolve("openssl.log");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run openssl (needed to make test certificates): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
