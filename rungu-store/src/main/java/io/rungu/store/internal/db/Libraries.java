package io.rungu.store.internal.db;

/** What {@link io.rungu.store.RunguStore#initialiseLibraries} sets up. */
public final class Libraries {
    /**
     * Jdbi's class that registers its statement event with Flight Recorder: an internal name; if a Jdbi version
     * renames it, it is set up by the first statement instead.
     */
    static final String JDBI_FLIGHT_RECORDER_EVENT = "org.jdbi.v3.core.statement.internal.JfrSupport";

    private Libraries() {}

    /**
     * Initialises Jdbi's Flight Recorder event. (Initialising Jdbi's configuration classes here too, with a Jdbi
     * that never connects, measured no faster: the store opening builds its own at the same moment.)
     */
    public static void initialise() {
        try {
            Class.forName(JDBI_FLIGHT_RECORDER_EVENT, true, Libraries.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // another Jdbi version: its first statement sets it up
        }
    }
}
