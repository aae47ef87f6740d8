-- Search scoped to a board (issue #16). Each post's search document also holds its board as one lexeme, so a
-- search ANDs the board lexeme with the words and the GIN index intersects their posting lists: a search counts,
-- ranks and pages over exactly the board's matches, however many posts other boards hold. The board lexeme is '~'
-- and the board id, taken as it is: words are only letters and digits, so no word or prefix ever matches it. The
-- title is weighted A and the description D, so ts_rank can weigh a title match above a description match (see
-- PostgresDialect); the query itself names no weights, which would make the index recheck every document.

-- Folding accents with translate() over the long map costs about 0.35 ms per text, even when there is nothing to
-- fold; ASCII text is returned as it is (same results, about 15 times less work to index an English post).
CREATE OR REPLACE FUNCTION rungu_fold(input TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN input ~ '[^\u0001-\u007f]' THEN translate(input,
        'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ',
        'AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaCcCcCcCcDdEeEeEeEeEeGgGgGgGgHhIiIiIiIiIJjKkLlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZzOoUuAaIiOoUuUuUuUuUuAaAaGgKkOoOojGgNnAaAaAaEeEeIiIiOoOoRrRrUuUuSsTtHhAaEeOoOoOoOoYyAaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFfGgHhHhHhHhHhIiIiKkKkKkLlLlLlLlMmMmMmNnNnNnNnOoOoOoOoPpPpRrRrRrRrSsSsSsSsSsTtTtTtTtUuUuUuUuUuVvVvWwWwWwWwWwXxXxYyZzZzZzhtwyAaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEeEeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuUuYyYyYyYy') ELSE input END
$$;

CREATE FUNCTION rungu_board_lexeme(project_id TEXT) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT array_to_tsvector(ARRAY['~' || project_id])
$$;

-- The same lexeme as a query, quoted for tsquery input.
CREATE FUNCTION rungu_board_query(project_id TEXT) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ('''' || replace(replace('~' || project_id, '\', '\\'), '''', '''''') || '''')::tsquery
$$;

CREATE FUNCTION rungu_search_document(title TEXT, description TEXT, project_id TEXT) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('simple'::regconfig,
               regexp_replace(rungu_fold(title), '[^0-9A-Za-z\u0080-\U0010FFFF]+', ' ', 'g')), 'A')
        || to_tsvector('simple'::regconfig,
               regexp_replace(rungu_fold(description), '[^0-9A-Za-z\u0080-\U0010FFFF]+', ' ', 'g'))
        || rungu_board_lexeme(project_id)
$$;

CREATE OR REPLACE FUNCTION rungu_posts_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO post_search (seq, document)
    VALUES (NEW.seq, rungu_search_document(NEW.title, NEW.description, NEW.project_id))
    ON CONFLICT (seq) DO UPDATE SET document = EXCLUDED.document;
    RETURN NULL;
END
$$;

DROP TRIGGER posts_search ON posts;
-- Only text (or board) changes touch the index: votes and comment counts never rewrite it.
CREATE TRIGGER posts_search AFTER INSERT OR UPDATE OF title, description, project_id ON posts
FOR EACH ROW EXECUTE FUNCTION rungu_posts_search();

DROP FUNCTION rungu_search_document(TEXT, TEXT);

-- Writing every document afresh (not UPDATE, which would leave a dead copy of each row) and building the GIN index
-- once afterwards is several times faster than updating them in place; the planner gets fresh statistics.
DROP INDEX post_search_document;
TRUNCATE post_search;
INSERT INTO post_search (seq, document)
SELECT p.seq, rungu_search_document(p.title, p.description, p.project_id) FROM posts p ORDER BY p.seq;
CREATE INDEX post_search_document ON post_search USING GIN (document);
ANALYZE post_search;
