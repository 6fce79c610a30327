package io.hcs4j.shim.events;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.hcs4j.shim.api.events.EventsGrpc;
import io.hcs4j.shim.api.events.ForwardRequest;
import io.hcs4j.shim.api.types.Envelope;
import io.hcs4j.shim.ttrpc.TtrpcClient;
import io.hcs4j.shim.ttrpc.transport.Transports;
import io.grpc.StatusException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards events to containerd's Events service at TTRPC_ADDRESS. One sender thread drains a bounded
 * queue, so events leave in exactly the order they were published; a failed send is retried (reconnecting,
 * with backoff) before the next event goes, because containerd relies on that order (exit before delete).
 */
public final class TtrpcEventPublisher implements EventPublisher {
    private static final Logger log = LoggerFactory.getLogger(TtrpcEventPublisher.class);
    private static final int QUEUE_CAPACITY = 4096;
    private static final int ATTEMPTS = 5;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final Envelope STOP = Envelope.getDefaultInstance();

    private final String address;
    private final String namespace;
    private final BlockingQueue<Envelope> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread sender;
    private TtrpcClient client;

    public TtrpcEventPublisher(String address, String namespace) {
        this.address = address;
        this.namespace = namespace;
        this.sender = new Thread(this::sendLoop, "event-publisher");
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public void publish(String topic, Message event) {
        Instant now = Instant.now();
        Envelope envelope = Envelope.newBuilder()
                .setTimestamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setNamespace(namespace)
                .setTopic(topic)
                .setEvent(pack(event))
                .build();
        try {
            // Bounded: a containerd that stops reading must not grow the shim without limit.
            if (!queue.offer(envelope, 10, TimeUnit.SECONDS)) {
                log.error("event queue full; dropping {} event", topic);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** containerd resolves events by full message name with no URL prefix (its typeurl registry). */
    public static Any pack(Message event) {
        return Any.newBuilder().setTypeUrl(event.getDescriptorForType().getFullName()).setValue(event.toByteString()).build();
    }

    private void sendLoop() {
        try {
            while (true) {
                Envelope e = queue.take();
                if (e == STOP) {
                    return;
                }
                send(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            disconnect();
        }
    }

    private void send(Envelope envelope) throws InterruptedException {
        long backoffMs = 50;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                connection().call(EventsGrpc.getForwardMethod(), ForwardRequest.newBuilder().setEnvelope(envelope).build(),
                        CALL_TIMEOUT, Map.of());
                return;
            } catch (IOException | StatusException ex) {
                log.warn("publishing {} failed (attempt {}/{}): {}", envelope.getTopic(), attempt, ATTEMPTS, ex.getMessage());
                disconnect();
                if (attempt < ATTEMPTS) {
                    // Backoff between attempts to ride out a containerd restart; the sender thread has nothing else to do.
                    TimeUnit.MILLISECONDS.sleep(backoffMs);
                    backoffMs *= 2;
                }
            }
        }
        log.error("dropping {} event after {} attempts", envelope.getTopic(), ATTEMPTS);
    }

    private TtrpcClient connection() throws IOException {
        if (client == null || client.isClosed()) {
            client = new TtrpcClient(Transports.dial(address));
        }
        return client;
    }

    private void disconnect() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    /** Sends what is queued (bounded wait), then stops. */
    @Override
    public void close() {
        try {
            queue.offer(STOP, 5, TimeUnit.SECONDS);
            sender.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (sender.isAlive()) {
            sender.interrupt();
        }
    }
}
