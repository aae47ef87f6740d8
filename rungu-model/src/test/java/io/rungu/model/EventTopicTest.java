package io.rungu.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventTopicTest {

    @Test
    void wireNamesAreDottedAndRoundTrip() {
        assertThat(EventTopic.POST_STATUS_CHANGED.wire()).isEqualTo("post.status_changed");
        assertThat(EventTopic.VOTE_CHANGED.wire()).isEqualTo("vote.changed");
        for (EventTopic topic : EventTopic.values()) {
            assertThat(EventTopic.fromWire(topic.wire())).contains(topic);
        }
        assertThat(EventTopic.fromWire("post.exploded")).isEmpty();
    }

    @Test
    void storeEventsMapToTopics() {
        assertThat(EventTopic.of(BoardEvent.Type.VOTE_REMOVED)).contains(EventTopic.VOTE_CHANGED);
        assertThat(EventTopic.of(BoardEvent.Type.POST_PINNED)).contains(EventTopic.POST_UPDATED);
        assertThat(EventTopic.of(BoardEvent.Type.POST_REJECTED)).contains(EventTopic.POST_DELETED);
        assertThat(EventTopic.of(BoardEvent.Type.POST_SUBSCRIBED)).isEmpty();
        assertThat(EventTopic.of(BoardEvent.Type.TAG_CREATED)).isEmpty();
        assertThat(EventTopic.of(BoardEvent.Type.PROJECT_IMPORTED)).contains(EventTopic.PROJECT_IMPORTED);
        assertThat(EventTopic.PROJECT_IMPORTED.wire()).isEqualTo("project.imported");
    }
}
