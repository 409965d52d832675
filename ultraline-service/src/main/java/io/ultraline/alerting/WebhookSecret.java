package io.ultraline.alerting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the signing secret comes from: a file ({@code --signing-secret-file}, e.g. a mounted
 * Kubernetes secret) or the environment variable {@value #ENV}; the file wins when both are given.
 * Never a command-line value, since process arguments are visible to every user of the host.
 */
public final class WebhookSecret {

    /** Environment variable holding the secret. */
    public static final String ENV = "ULTRALINE_WEBHOOK_SECRET";

    private WebhookSecret() {}

    /**
     * The signer for the configured secret, or empty when none is configured. One trailing line
     * break of the file is dropped ({@code echo secret > file} writes one); other bytes are the secret.
     *
     * @throws IllegalArgumentException when the secret is shorter than {@link WebhookSigner#MIN_SECRET_BYTES}
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static Optional<WebhookSigner> load(Optional<Path> file, Function<String, String> environment) {
        byte[] secret;
        if (file.isPresent()) {
            try {
                secret = withoutTrailingLineBreak(Files.readAllBytes(file.get()));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the webhook signing secret file " + file.get(), e);
            }
        } else {
            String value = environment.apply(ENV);
            if (value == null || value.isEmpty()) {
                return Optional.empty();
            }
            secret = value.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Optional.of(new WebhookSigner(secret));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static byte[] withoutTrailingLineBreak(byte[] bytes) {
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] == '\n') {
            end--;
            if (end > 0 && bytes[end - 1] == '\r') {
                end--;
            }
        }
        if (end == bytes.length) {
            return bytes;
        }
        byte[] trimmed = Arrays.copyOf(bytes, end);
        Arrays.fill(bytes, (byte) 0);
        return trimmed;
    }
}
