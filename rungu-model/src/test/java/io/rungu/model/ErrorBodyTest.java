package io.rungu.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorBodyTest {
    @Test
    void a_domain_failure_becomes_the_wire_body_with_its_status() {
        ErrorBody body = ErrorBody.of(RunguException.invalid("title", "Title is \"required\"\n"));
        assertThat(body.status()).isEqualTo(400);
        assertThat(body.toJson()).isEqualTo(
                "{\"error\":\"Title is \\\"required\\\"\\n\",\"code\":\"invalid\",\"fields\":{\"title\":\"Title is \\\"required\\\"\\n\"}}");
    }

    @Test
    void an_internal_error_says_nothing_but_a_reference() {
        assertThat(ErrorBody.internalJson("r-1")).isEqualTo(
                "{\"error\":\"Internal server error\",\"code\":\"internal\",\"fields\":{},\"request_id\":\"r-1\"}");
        assertThat(new ErrorBody("x\u0001", "not_found", Map.of()).toJson()).contains("x\\u0001");
    }
}
