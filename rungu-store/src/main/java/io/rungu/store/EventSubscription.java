package io.rungu.store;

/** A listener's registration; closing it stops delivery in this process and keeps the consumer's position. */
public interface EventSubscription extends AutoCloseable {

    /** Stops delivering to the listener; events after its position wait for the next subscription by the name. */
    @Override
    void close();
}
