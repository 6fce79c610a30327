package io.hcs4j.shim.task;

import com.google.protobuf.Message;
import io.hcs4j.shim.events.EventPublisher;
import java.util.ArrayList;
import java.util.List;

/** Keeps published events in order, for assertions. */
final class RecordingPublisher implements EventPublisher {
    record Event(String topic, Message message) {
    }

    private final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void publish(String topic, Message event) {
        events.add(new Event(topic, event));
    }

    synchronized List<String> topics() {
        return events.stream().map(Event::topic).toList();
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
    }
}
