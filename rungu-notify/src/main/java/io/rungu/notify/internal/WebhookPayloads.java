package io.rungu.notify.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.EventTopic;
import io.rungu.model.PageRequest;
import io.rungu.model.Project;
import io.rungu.model.Role;
import io.rungu.model.RunguException;
import io.rungu.store.Board;
import io.rungu.wire.Wire;
import io.rungu.wire.WireJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a webhook message body, {@code {"type", "timestamp", "data"}}, from an event: {@code data} holds the same
 * wire records as the REST API (as an admin sees them), read when the message is queued; for what is gone, its ids.
 */
public final class WebhookPayloads {
    /** Reads as an admin, so a hidden post or an internal note is described as admins see it. */
    private static final Actor READER = Actor.of("rungu-webhooks", Role.ADMIN);
    private final Board board;
    private final ObjectMapper mapper = WireJson.newMapper();

    public WebhookPayloads(Board board) {
        this.board = board;
    }

    /** The JSON body for {@code event}, published as {@code topic}. */
    public String body(BoardEvent event, EventTopic topic) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", topic.wire());
        envelope.put("timestamp", event.at());
        envelope.put("data", data(event, topic));
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A webhook body could not be written", e);
        }
    }

    private Map<String, Object> data(BoardEvent event, EventTopic topic) {
        Map<String, Object> data = new LinkedHashMap<>();
        switch (topic) {
            case POST_CREATED, POST_UPDATED, VOTE_CHANGED -> post(data, event.postId(), event.projectId());
            case POST_STATUS_CHANGED -> {
                post(data, event.postId(), event.projectId());
                data.put("from", event.fromStatus() == null ? null : event.fromStatus().wire());
                data.put("to", event.toStatus() == null ? null : event.toStatus().wire());
                data.put("response", event.response());
            }
            case POST_MERGED -> {
                post(data, event.postId(), event.projectId());
                Object into = readPost(event.targetPostId());
                data.put("into", into != null ? into : Map.of("id", event.targetPostId()));
            }
            case POST_DELETED -> {
                data.put("post_id", event.postId());
                data.put("project_id", event.projectId());
            }
            case COMMENT_CREATED -> {
                Object comment = null;
                try {
                    comment = Wire.comment(board.getComment(READER, event.commentId()));
                } catch (RunguException e) {
                    // deleted since: its ids below
                }
                if (comment != null) {
                    data.put("comment", comment);
                } else {
                    data.put("comment_id", event.commentId());
                }
                data.put("post_id", event.postId());
                data.put("project_id", event.projectId());
            }
            case COMMENT_DELETED -> {
                data.put("comment_id", event.commentId());
                data.put("post_id", event.postId());
                data.put("project_id", event.projectId());
            }
            case PROJECT_CREATED -> {
                Project project = findProject(event.projectId());
                if (project != null) {
                    data.put("project", Wire.project(project));
                } else {
                    data.put("project_id", event.projectId());
                }
            }
            case PROJECT_DELETED -> data.put("project_id", event.projectId());
        }
        return data;
    }

    private void post(Map<String, Object> data, String postId, String projectId) {
        Object post = readPost(postId);
        if (post != null) {
            data.put("post", post);
        } else {
            data.put("post_id", postId);
            data.put("project_id", projectId);
        }
    }

    private Object readPost(String postId) {
        if (postId == null) {
            return null;
        }
        try {
            return Wire.post(board.getPost(READER, postId));
        } catch (RunguException e) {
            return null; // deleted since
        }
    }

    /** Boards are few; the Board reads them by slug, and an event names the id. */
    private Project findProject(String id) {
        for (int page = 1; page <= 100; page++) {
            var listed = board.listProjects(READER, new PageRequest(page, 100));
            for (Project p : listed.items()) {
                if (p.id().equals(id)) {
                    return p;
                }
            }
            if (listed.items().size() < 100) {
                return null;
            }
        }
        return null;
    }
}
