package io.rungu.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Post;
import io.rungu.model.PostCategory;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.model.UserSummary;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostCsvTest {
    private static final Instant T = Instant.parse("2026-05-01T10:00:00.123456Z");

    private static PostView post(String title, String description, String author) {
        return new PostView(new Post("p-1", "b1", title, description, PostStatus.IN_PROGRESS, PostCategory.BUG, 3, 1,
                "u1", T, T.plusSeconds(60), null), author == null ? null : new UserSummary("u1", author, null), false);
    }

    private static String csv(PostView... posts) {
        StringWriter out = new StringWriter();
        PostCsv csv = new PostCsv(() -> out, PostCsv.boardUrl("https://feedback.example.com/fb/", "ideas"));
        for (PostView p : posts) {
            csv.row(p);
        }
        csv.finish();
        return out.toString();
    }

    @Test
    void a_row_has_every_column_and_lines_end_with_crlf() {
        assertThat(csv(post("Dark mode", "Please", "Ann"))).isEqualTo(
                "id,title,description,category,status,votes,comments,author,created,updated,url\r\n"
                + "p-1,Dark mode,Please,bug,in_progress,3,1,Ann,2026-05-01T10:00:00.123Z,2026-05-01T10:01:00.123Z,"
                + "https://feedback.example.com/fb/board/ideas/post/p-1\r\n");
    }

    @Test
    void an_empty_board_is_the_header_alone() {
        assertThat(csv()).isEqualTo(String.join(",", PostCsv.COLUMNS) + "\r\n");
    }

    @Test
    void commas_quotes_and_line_breaks_are_quoted_and_read_back_as_written() {
        String title = "Say \"hi\", then leave";
        String description = "Line one\nLine two\r\nüñï 😀";
        List<List<String>> rows = parse(csv(post(title, description, null)));

        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).subList(1, 3)).containsExactly(title, description);
        assertThat(rows.get(1).get(7)).as("no author").isEmpty();
    }

    @Test
    void cells_a_spreadsheet_would_run_as_formulas_stay_text() {
        assertThat(PostCsv.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(PostCsv.cell("+1")).isEqualTo("'+1");
        assertThat(PostCsv.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(PostCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(PostCsv.cell("\tx")).isEqualTo("'\tx");
        assertThat(PostCsv.cell("\rx")).isEqualTo("\"'\rx\"");
        assertThat(PostCsv.cell("a=b")).isEqualTo("a=b");
        assertThat(PostCsv.cell("")).isEmpty();
    }

    @Test
    void the_writer_is_opened_only_when_something_is_written() {
        boolean[] opened = {false};
        new PostCsv(() -> {
            opened[0] = true;
            return new StringWriter();
        }, "https://x/board/b");
        assertThat(opened[0]).isFalse();
    }

    @Test
    void board_urls_encode_the_slug() {
        assertThat(PostCsv.boardUrl("http://localhost:3000", "日本")).isEqualTo("http://localhost:3000/board/%E6%97%A5%E6%9C%AC");
    }

    /** A strict RFC 4180 reader: rows end with CRLF, quoted fields may hold anything with quotes doubled. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && cell.length() == 0) {
                for (i++; ; i++) {
                    if (text.charAt(i) == '"') {
                        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        cell.append(text.charAt(i));
                    }
                }
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
                i++;
            } else if (c == '\r' && text.startsWith("\r\n", i)) {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i += 2;
            } else {
                assertThat(c).as("bare line break outside quotes").isNotIn('\r', '\n');
                cell.append(c);
                i++;
            }
        }
        assertThat(row).as("the last row ends with CRLF").isEmpty();
        return rows;
    }
}
