package io.onlinelearner.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The query of {@code GET /models}. */
class PageRequestTest {

    @Test
    void shouldListTheFirstHundredByDefault() {
        assertThat(PageRequest.parse(null)).isEqualTo(new PageRequest(100, null));
        assertThat(PageRequest.parse("")).isEqualTo(new PageRequest(100, null));
    }

    @Test
    void shouldDecodeLimitAndAfter() {
        assertThat(PageRequest.parse("limit=1000&after=user%2F7+x")).isEqualTo(new PageRequest(1000, "user/7 x"));
        assertThat(PageRequest.parse("after=%E2%82%AC")).isEqualTo(new PageRequest(100, "\u20ac"));
    }

    @Test
    void shouldTakeEmptyPairsAsNothing() {
        assertThat(PageRequest.parse("limit=5&")).isEqualTo(new PageRequest(5, null));
        assertThat(PageRequest.parse("&limit=5&&after=a")).isEqualTo(new PageRequest(5, "a"));
        assertThat(PageRequest.parse("&")).isEqualTo(new PageRequest(100, null));
    }

    @Test
    void shouldNameTheNextPageWithAnEncodedAfterThatParsesBack() {
        final PageRequest request = new PageRequest(3, null);
        final String link = request.next("/models", "a b/&é");
        assertThat(link).isEqualTo("</models?limit=3&after=a+b%2F%26%C3%A9>; rel=\"next\"");
        final String query = link.substring(link.indexOf('?') + 1, link.indexOf('>'));
        assertThat(PageRequest.parse(query)).isEqualTo(new PageRequest(3, "a b/&é"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "limit=0              | limit must be an integer in [1, 1000], not '0'",
                "limit=1001           | limit must be an integer in [1, 1000], not '1001'",
                "limit=ten            | limit must be an integer in [1, 1000], not 'ten'",
                "limit=               | limit must be an integer in [1, 1000], not ''",
                "limit=5&limit=6      | limit is given more than once",
                "after=               | after must be a model id of 1 to 4096 characters, or absent",
                "after=a&after=b      | after is given more than once",
                "offset=3             | unknown query parameter 'offset': only limit and after",
                "after=%zz            | the query is not percent-encoded correctly",
            })
    void shouldRefuseABadQueryWithOneLine(final String query, final String message) {
        assertThatThrownBy(() -> PageRequest.parse(query))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void shouldRefuseAnAfterLongerThanAnyId() {
        assertThatThrownBy(() -> PageRequest.parse("after=" + "x".repeat(4097)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(PageRequest.parse("after=" + "x".repeat(4096)).after()).hasSize(4096);
    }
}
