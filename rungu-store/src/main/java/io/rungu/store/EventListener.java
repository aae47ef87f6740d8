package io.rungu.store;

import io.rungu.model.BoardEvent;

/**
 * Receives a store's events in order, on the store's event thread (see {@link Events#subscribe}). Return normally
 * once the event is handled; throwing leaves it undelivered, and it is offered again later, together with
 * everything after it.
 */
@FunctionalInterface
public interface EventListener {

    /** Handles one event; a thrown exception means "not handled, offer it again later". */
    void onEvent(BoardEvent event) throws Exception;
}
