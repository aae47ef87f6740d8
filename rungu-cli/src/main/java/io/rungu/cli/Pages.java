package io.rungu.cli;

import io.rungu.model.Limits;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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

    /**
     * Hands every item of every page, from {@code first} on, to {@code each} as it is read, so a stream of any
     * length needs one page in memory.
     */
    static <T> void each(PageRequest first, Function<PageRequest, Page<T>> read, Consumer<? super T> each) {
        for (int number = first.page(); ; number++) {
            Page<T> page = read.apply(new PageRequest(number, first.perPage()));
            page.items().forEach(each);
            if (number >= page.totalPages() || page.items().isEmpty() || number >= Limits.PAGE_MAX) {
                return;
            }
        }
    }

    /** The line under a page printed for people: {@code Page 1 of 3, 45 posts. Next: --page 2}. */
    static String footer(Page<?> page, String one, String many) {
        return "Page " + page.page() + " of " + page.totalPages() + ", " + page.total()
                + " " + (page.total() == 1 ? one : many) + "."
                + (page.page() < page.totalPages() ? " Next: --page " + (page.page() + 1) : "");
    }
}
