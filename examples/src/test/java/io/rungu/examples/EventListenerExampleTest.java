package io.rungu.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.BoardEvent;
import io.rungu.model.PostStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventListenerExampleTest {
    @TempDir
    Path dir;

    @Test
    void the_listener_receives_the_writes_in_order() throws Exception {
        List<BoardEvent> events = EventListenerExample.run(dir.resolve("example.db"));

        assertThat(events).extracting(BoardEvent::type).containsExactly(BoardEvent.Type.PROJECT_CREATED,
                BoardEvent.Type.POST_CREATED, BoardEvent.Type.POST_STATUS_CHANGED);
        assertThat(events.get(2).toStatus()).isEqualTo(PostStatus.PLANNED);
    }
}
