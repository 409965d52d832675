package io.ultraline.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body into memory, at most {@code limit} bytes: a declared {@code Content-Length}
 * above it is refused before any byte is read, and a streamed body is cut off (the subscription
 * cancelled, which closes the connection) at the first byte past it. Either way the body fails
 * with {@link TooLarge}, which {@link java.net.http.HttpClient#send} passes on as its cause.
 */
final class BoundedBodyHandler implements HttpResponse.BodyHandler<byte[]> {

    private final int limit;

    BoundedBodyHandler(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
        this.limit = limit;
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1L);
        return new Bounded(limit, info.statusCode(), declared > limit);
    }

    /** The body exceeded the limit; {@code status} is that of the response. */
    static final class TooLarge extends IOException {

        private static final long serialVersionUID = 1L;

        private final int status;
        private final long limit;

        TooLarge(int status, long limit) {
            super("response body of HTTP " + status + " has more than " + limit + " bytes");
            this.status = status;
            this.limit = limit;
        }

        int status() {
            return status;
        }

        long limit() {
            return limit;
        }

        /** The {@link TooLarge} in {@code e}'s cause chain, or null. */
        static TooLarge in(Throwable e) {
            // a bounded walk: two exceptions may be each other's cause
            Throwable t = e;
            for (int depth = 0; t != null && depth < 100; depth++, t = t.getCause()) {
                if (t instanceof TooLarge tooLarge) {
                    return tooLarge;
                }
            }
            return null;
        }
    }

    private static final class Bounded implements HttpResponse.BodySubscriber<byte[]> {

        private final int limit;
        private final int status;
        private final boolean refusedByLength;
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private Flow.Subscription subscription;
        private long received;

        Bounded(int limit, int status, boolean refusedByLength) {
            this.limit = limit;
            this.status = status;
            this.refusedByLength = refusedByLength;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (refusedByLength) {
                refuse();
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                received += item.remaining();
                if (received > limit) {
                    refuse();
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                buffer.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            body.complete(buffer.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        private void refuse() {
            subscription.cancel();
            body.completeExceptionally(new TooLarge(status, limit));
        }
    }
}
