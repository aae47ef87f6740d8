package io.rungu.cli;

import io.rungu.model.Limits;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reads every page of a Board list: the command line prints whole lists. */
final class Pages {
    private Pages() {}

    static <T> List<T> all(Function<PageRequest, Page<T>> read) {
        List<T> items = new ArrayList<>();
        for (int number = 1; ; number++) {
            Page<T> page = read.apply(new PageRequest(number, Limits.PER_PAGE_MAX));
            items.addAll(page.items());
            if (number >= page.totalPages() || page.items().isEmpty() || number >= Limits.PAGE_MAX) {
                return items;
            }
        }
    }
}
