package io.rungu.http.bench;

import io.rungu.model.Actor;
import io.rungu.model.PageRequest;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.Project;
import io.rungu.model.Role;
import io.rungu.model.User;
import io.rungu.store.RunguStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What both benchmarks load on a seeded store: its largest board, 100 members to act as, the newest 1,000 post ids
 * of the board and up to 50 title words to search for.
 */
record BenchBoard(Project project, List<User> members, List<String> postIds, List<String> words) {
    static BenchBoard of(RunguStore store) {
        User admin = store.accounts().ensureUser("bench-admin@example.test", "Bench", Role.ADMIN);
        Actor.Account adminActor = Actor.of(admin.id(), Role.ADMIN);
        List<User> members = store.board().listUsers(adminActor, PageRequest.of(1, 100)).items().stream()
                .filter(u -> u.role() == Role.MEMBER).toList();
        Project project = store.board().listProjects(adminActor, PageRequest.of(1, 100)).items().stream()
                .max((a, b) -> Long.compare(a.postCount(), b.postCount())).orElseThrow();
        List<String> postIds = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (int page = 1; page <= 10; page++) {
            store.board().listPosts(adminActor, project.slug(),
                    new PostQuery(PostSort.NEWEST, null, null, null, PageRequest.of(page, 100))).items().forEach(v -> {
                        postIds.add(v.post().id());
                        String w = v.post().title().split("\\s+")[0].replaceAll("[^A-Za-z]", "");
                        if (w.length() >= 4 && words.size() < 50) {
                            words.add(w.toLowerCase(Locale.ROOT));
                        }
                    });
        }
        return new BenchBoard(project, members, postIds, words);
    }
}
