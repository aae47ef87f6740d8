import { beforeEach, describe, expect, it } from 'vitest';
import { backLabel, clearLists, listPathOf, MAX_LISTS, rememberListPath, saveList, savedList } from '../src/lib/listState';

const snap = (n: number, scrollY = 0) => ({ posts: Array.from({ length: n }, (_, i) => ({ id: `p${i}` })), page: n / 20, totalPages: 3, total: 55, scrollY });

beforeEach(() => {
  clearLists();
  sessionStorage.clear();
});

describe('saved lists', () => {
  it('gives back the loaded pages and scroll position per list URL', () => {
    saveList('/board/a?q=dark', snap(40, 4000));
    saveList('/board/a', snap(20, 100));
    expect(savedList('/board/a?q=dark')).toEqual(snap(40, 4000));
    expect(savedList('/board/a')?.scrollY).toBe(100);
    expect(savedList('/board/a?q=light')).toBeUndefined();
  });

  it('keeps only the most recent lists', () => {
    for (let i = 0; i <= MAX_LISTS; i++) saveList(`/board/b${i}`, snap(20));
    expect(savedList('/board/b0')).toBeUndefined();
    expect(savedList(`/board/b${MAX_LISTS}`)).toBeDefined();
  });

  it('a list saved again counts as recent', () => {
    saveList('/board/b0', snap(20));
    for (let i = 1; i < MAX_LISTS; i++) saveList(`/board/b${i}`, snap(20));
    saveList('/board/b0', snap(40));
    saveList('/board/new', snap(20));
    expect(savedList('/board/b0')?.posts).toHaveLength(40);
    expect(savedList('/board/b1')).toBeUndefined();
  });
});

describe('the way back from a post', () => {
  it('is the board when no list was seen', () => {
    expect(listPathOf('ideas')).toBe('/board/ideas');
    expect(backLabel(listPathOf('ideas'))).toBe('← Back to board');
  });

  it('keeps the search and filters of the last list', () => {
    rememberListPath('ideas', '/board/ideas?q=dark&status=planned');
    expect(listPathOf('ideas')).toBe('/board/ideas?q=dark&status=planned');
    expect(listPathOf('other')).toBe('/board/other');
  });

  it('returns to the roadmap when the post was opened from it', () => {
    rememberListPath('ideas', '/board/ideas/roadmap');
    expect(listPathOf('ideas')).toBe('/board/ideas/roadmap');
    expect(backLabel(listPathOf('ideas'))).toBe('← Back to roadmap');
  });

  it('ignores a stored path that is not one of the board lists', () => {
    sessionStorage.setItem('rungu.lastList.ideas', '/board/other?q=x');
    expect(listPathOf('ideas')).toBe('/board/ideas');
    sessionStorage.setItem('rungu.lastList.ideas', '//evil.example');
    expect(listPathOf('ideas')).toBe('/board/ideas');
  });
});
