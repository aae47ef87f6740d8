package io.rungu.model;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list.
 *
 * @param page    1-based page number
 * @param perPage page size asked for
 * @param total   number of items across all pages
 * @param totalIsEstimate {@code total} is an estimate (a search with more matches than it counts exactly)
 */
public record Page<T>(List<T> items, int page, int perPage, long total, boolean totalIsEstimate) {
    public Page {
        items = List.copyOf(items);
    }

    /** A page with an exact total. */
    public Page(List<T> items, int page, int perPage, long total) {
        this(items, page, perPage, total, false);
    }

    /** At least 1, so an empty list still has one (empty) page. */
    public int totalPages() {
        return (int) Math.max(1, (total + perPage - 1) / perPage);
    }

    /** The same page with each item converted. */
    public <R> Page<R> map(Function<? super T, ? extends R> f) {
        return new Page<>(items.stream().<R>map(f).toList(), page, perPage, total, totalIsEstimate);
    }
}
