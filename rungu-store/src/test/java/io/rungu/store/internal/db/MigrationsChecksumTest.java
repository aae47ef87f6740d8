package io.rungu.store.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins the SHA-256 of every shipped migration. A shipped migration must never change, because databases that
 * already applied it would refuse to open: if this test fails, revert the edit and add a new migration instead.
 * Add a line here for each new migration file; never change an existing line.
 */
class MigrationsChecksumTest {
    static final Map<String, String> SHIPPED = new LinkedHashMap<>();

    static {
        SHIPPED.put("sqlite/V001__initial.sql", "8480e80e5fc57217edea7b3c1a170b6428fb43dd87974237cba85197c79da65a");
        SHIPPED.put("postgres/V001__initial.sql", "6fe914ddd143e788a0d00186f59aeb8425baaf95bd04183443c7810622eb1347");
        SHIPPED.put("sqlite/V002__token_expiry_upload_quota.sql", "5dd4a92d4df5b2f89b171cc1930cac6bfb73e88d065607d08bce3003943a1f37");
        SHIPPED.put("postgres/V002__token_expiry_upload_quota.sql", "8887736361139bcd1f8eb67dcb66f5651345787d931f74f438ea3b8b4644611a");
        SHIPPED.put("sqlite/V005__status_history.sql",
                "32cda38fc9685914ab6d87b6540441f48dbb64c528b90f967320cd29c41a6c45");
        SHIPPED.put("postgres/V005__status_history.sql",
                "d1967b75de732c6011a813f480194594ebf6ebeb901df45377178777ac324d45");
        SHIPPED.put("sqlite/V003__board_scoped_search.sql", "34869589795bcc18a4b7a43b623232d474f439705230513ab3e115ea4a0c7577");
        SHIPPED.put("postgres/V003__board_scoped_search.sql", "480b326afb4df6e72f61c2814895e461bca3bfd1f57aeb2b11aba7f7cebd268c");
        SHIPPED.put("sqlite/V004__events_and_notifications.sql", "83f74e05a3b5d5da6c3494f3ceef374911c70a7fd8055442498fb525a1f80bf5");
        SHIPPED.put("postgres/V004__events_and_notifications.sql", "a40447611dbf845ad4c05726dbf3907dc3170ae0e00e839d819b05e63cf11675");
        SHIPPED.put("sqlite/V006__statuses_categories_tags.sql",
                "471895a4d968cf2f3e4e32d5056666aaee5257486dca4620742bb6ace9909a9a");
        SHIPPED.put("postgres/V006__statuses_categories_tags.sql",
                "dfa5ac3ed9d50d8321f18719d4e7bb74f218df970e3ef6d87429daa2b8847665");
        SHIPPED.put("sqlite/V007__curation.sql", "c3b9797476e7e2b6d8087d0c8d74fa9a1d68918a0d0d1840b6a25f2f257f3046");
        SHIPPED.put("postgres/V007__curation.sql", "e3c6d66ca4b02f2bdb5cec037671883276fdee50d04a1faeaa5d728da8eb4d0a");
        SHIPPED.put("sqlite/V011__notification_kinds_email_links.sql",
                "03327fe139fed82235a1158a9e16ecbf8ccc1dcfb7ab04cfba7c94ccf5c60b5c");
        SHIPPED.put("postgres/V011__notification_kinds_email_links.sql",
                "091828452e2788673237d076a525f9ec8c6d06b61172df9e683bd1448e9c4224");
        SHIPPED.put("sqlite/V008__private_boards_moderation.sql",
                "94818fc44de4973b7aec45dbf1d84498609b9622696065cfdf1ea3fcf714ef2f");
        SHIPPED.put("postgres/V008__private_boards_moderation.sql",
                "23b132922ee8ae92ded4db3ae733ab11cb593a0b9bc81ebe6675b3d18a950442");
        SHIPPED.put("sqlite/V009__audit_log.sql", "dace215b5b650c83342f68772f9fec9272007489c09e660b3c0b47597d3cdab7");
        SHIPPED.put("postgres/V009__audit_log.sql", "f63b00dfd637d7fd0f0d89e89f4a52d99a5e0aeccec1437945e2c27ed51d6523");
        SHIPPED.put("sqlite/V012__webhooks.sql", "8cd356c548699f92dce7d9e3c1e8a96c9057f54da0c2118a86d1af90457dd918");
        SHIPPED.put("postgres/V012__webhooks.sql", "dd9fa90d2a35c78bac48bd3ec3c5ff59409767326a6154ddb26919201210f4fb");
        SHIPPED.put("sqlite/V013__mcp_authorization.sql",
                "0a6de5d8478855eb802d25ab82ba2269ba6bf9c91e322329fb7642b59a04b594");
        SHIPPED.put("postgres/V013__mcp_authorization.sql",
                "9eef1b28924a42587f75a2595b09bfa0afee7de834c89b2ae46ed47eb5daa788");
        SHIPPED.put("sqlite/V014__outbox_post_unlisted.sql",
                "03b0889afb511c110122bfbd26749f1bc45b502d86a9aec010a44bf3bc0f8926");
        SHIPPED.put("postgres/V014__outbox_post_unlisted.sql",
                "03b0889afb511c110122bfbd26749f1bc45b502d86a9aec010a44bf3bc0f8926");
        SHIPPED.put("sqlite/V015__search_heads.sql",
                "a19f856339572c0f616da15cd88c10a3faf18e4d7041a103086e16702ace7f0e");
        SHIPPED.put("postgres/V015__search_heads.sql",
                "918153e8e3ccbcac17071d8483e5b8710ba0d73dd6a2f9e10b5cecfe976e3d11");
        SHIPPED.put("sqlite/V016__search_postings.sql",
                "f4f2c0d7165c4ad8ba5414dcbada5351e1f1624260e15ef23024c8973281cff5");
        SHIPPED.put("postgres/V016__search_postings.sql",
                "88597581a4dd1153db6df724e01b634cecd2a9dfe0b2f416548e404a92420081");
    }

    @Test
    void shipped_migrations_are_never_edited() {
        Map<String, String> actual = new LinkedHashMap<>();
        for (String dialect : new String[] {"sqlite", "postgres"}) {
            for (Migrations.Migration m : Migrations.shipped(dialect)) {
                actual.put(dialect + "/" + m.file(), m.checksum());
            }
        }
        assertThat(actual).as("every shipped migration is pinned and unchanged").isEqualTo(SHIPPED);
    }
}
