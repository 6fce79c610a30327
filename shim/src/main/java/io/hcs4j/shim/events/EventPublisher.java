package io.hcs4j.shim.events;

import com.google.protobuf.Message;

/** Publishes task events to containerd; implementations keep the order of calls. */
public interface EventPublisher extends AutoCloseable {
    void publish(String topic, Message event);

    @Override
    void close();
}
