-- A deleted post's event says whether the post was hidden or waiting for approval (BoardEvent.unlisted), so live
-- streams tell only the people who knew of it, not every viewer of the board. Earlier events read as listed.
ALTER TABLE outbox ADD COLUMN post_unlisted INTEGER NOT NULL DEFAULT 0;
