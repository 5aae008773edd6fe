package io.onlinelearner.features;

import static io.onlinelearner.features.Features.config;
import static io.onlinelearner.features.Features.index;
import static io.onlinelearner.features.Features.names;
import static io.onlinelearner.features.Features.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.model.HashedFeatures;
import io.onlinelearner.model.RecordRejectedException;
import io.onlinelearner.model.RejectionReason;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeatureReaderTest {

    private static final int BITS = 18;

    @Test
    void shouldReadTheContractsExample() {
        final HashedFeatures x = read(
                config(BITS, ""),
                "{\"age\": 31, \"country\": \"NZ\", \"member\": true, \"user\": {\"plan\": \"pro\", \"tenure\": 2.5}}");
        assertThat(x.size()).isEqualTo(5);
        assertThat(valueOf(x, "age")).isEqualTo(31.0);
        assertThat(valueOf(x, "country=NZ")).isEqualTo(1.0);
        assertThat(valueOf(x, "member")).isEqualTo(1.0);
        assertThat(valueOf(x, "user^plan=pro")).isEqualTo(1.0);
        assertThat(valueOf(x, "user^tenure")).isEqualTo(2.5);
        assertThat(names(x)).containsExactlyInAnyOrder("age", "country=NZ", "member", "user^plan=pro", "user^tenure");
    }

    @Test
    void shouldTreatFalseAndZeroAsAbsent() {
        final HashedFeatures x =
                read(config(BITS, ""), "{\"a\": 0, \"b\": false, \"c\": -0.0, \"n\": {\"z\": 0}, \"d\": 2}");
        assertThat(names(x)).containsExactly("d");
    }

    @Test
    void shouldCrossTwoNamespacesWithTheCombinedHash() {
        final HashedFeatures x = read(
                config(BITS, "user:item"), "{\"user\": {\"id\": \"u1\", \"tenure\": 2}, \"item\": {\"price\": 3}}");
        final int hash = FeatureHash.combine(FeatureHash.hash("user^id=u1", 0), FeatureHash.hash("item^price", 0));
        assertThat(x.value(position(x, FeatureHash.index(hash, BITS)))).isEqualTo(3.0);
        final int tenureTimesPrice =
                FeatureHash.combine(FeatureHash.hash("user^tenure", 0), FeatureHash.hash("item^price", 0));
        assertThat(x.value(position(x, FeatureHash.index(tenureTimesPrice, BITS))))
                .isEqualTo(6.0);
        assertThat(names(x))
                .contains("user^id=u1*item^price", "user^tenure*item^price")
                .hasSize(5);
    }

    @Test
    void shouldCrossEachUnorderedPairOfOneNamespaceOnceInRecordOrder() {
        final HashedFeatures x = read(config(BITS, "u:u"), "{\"u\": {\"a\": 1, \"b\": 2, \"c\": 3}}");
        assertThat(names(x)).containsExactlyInAnyOrder("u^a", "u^b", "u^c", "u^a*u^b", "u^a*u^c", "u^b*u^c");
    }

    @Test
    void shouldNameTheTwoPartsOfEveryInteractionTextAndNoneOfTheOthers() {
        final HashedFeatures x = read(
                config(3, "user:item,user:user"),
                "{\"user\": {\"id\": \"u1\", \"tenure\": 2}, \"item\": {\"price\": 3}, \"hour\": 1}");
        int interactions = 0;
        for (int k = 0; k < x.size(); k++) {
            for (int j = 0; j < x.nameCount(k); j++) {
                final String text = x.name(k, j);
                final int a = x.part(k, j, 0);
                final int b = x.part(k, j, 1);
                if (a < 0) {
                    assertThat(b).isEqualTo(-1);
                    assertThat(List.of("user^id=u1", "user^tenure", "item^price", "hour"))
                            .contains(text);
                    continue;
                }
                interactions++;
                assertThat(x.text(a) + "*" + x.text(b)).isEqualTo(text);
                assertThat(x.indexOfText(a)).isEqualTo(index(x.text(a), 3));
                assertThat(x.indexOfText(b)).isEqualTo(index(x.text(b), 3));
            }
        }
        assertThat(interactions).isEqualTo(3);
        assertThat(read(config(3, ""), "{\"a\": 1, \"b\": 2}").part(0, 0, 0)).isEqualTo(-1);
    }

    @Test
    void shouldTakeTheEmptyNamespaceNameAsTheTopLevel() {
        final HashedFeatures x = read(config(BITS, ":user"), "{\"hour\": 2, \"user\": {\"id\": \"u\"}, \"x\": false}");
        assertThat(names(x)).containsExactlyInAnyOrder("hour", "user^id=u", "hour*user^id=u");
    }

    @Test
    void shouldAddUpFeaturesWithTheSameIndex() {
        final HashedFeatures x = read(config(1, ""), "{\"a\": 1, \"b\": 2, \"c\": 4, \"d\": 8, \"e\": 16}");
        double total = 0;
        for (int k = 0; k < x.size(); k++) {
            total += x.value(k);
        }
        assertThat(x.size()).isLessThanOrEqualTo(2);
        assertThat(total).isEqualTo(31.0);
        assertThat(names(x)).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
    }

    @Test
    void shouldKeepNoNamesWhenToldNot() {
        final HashedFeatures x = read(new HashingConfig(BITS, 0, List.of(), false, 2, 100), "{\"a\": 1}");
        assertThat(x.hasNames()).isFalse();
        assertThat(x.index(0)).isEqualTo(index("a", BITS));
    }

    @Test
    void shouldHashWithTheSeed() {
        final HashedFeatures x = read(new HashingConfig(BITS, 42, List.of(), true, 2, 100), "{\"a\": 1}");
        assertThat(x.index(0)).isEqualTo(FeatureHash.index(FeatureHash.hash("a", 42), BITS));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"a\": null}",
                "{\"a\": [1]}",
                "{\"n\": {\"deep\": {\"a\": 1}}}",
                "{\"n\": {\"a\": null}}",
                "{\"a\": NaN}",
                "{\"a\": 1e400}",
                "{\"\": 1}",
                "{\"n\": {\"\": 1}}",
                "{\"\": {\"a\": 1}}",
                "{}",
                "{\"a\": 0, \"b\": false}",
                "{\"n\": {}}",
                "[1, 2]",
                "\"a\"",
                "3",
                "null"
            })
    void shouldRejectEveryOtherShapeAsBadFeatures(final String json) {
        assertThatThrownBy(() -> read(config(BITS, ""), json))
                .isInstanceOfSatisfying(
                        RecordRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.BAD_FEATURES));
    }

    @Test
    void shouldBoundTheFeaturesInteractionsIncluded() {
        final HashingConfig three = new HashingConfig(BITS, 0, Interaction.parseAll("u:u"), true, 2, 3);
        assertThat(read(three, "{\"u\": {\"a\": 1, \"b\": 1}}").size()).isEqualTo(3);
        assertThatThrownBy(() -> read(three, "{\"u\": {\"a\": 1, \"b\": 1, \"c\": 1}}"))
                .isInstanceOfSatisfying(
                        RecordRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.TOO_MANY_FEATURES));
        assertThatThrownBy(() -> read(three, "{\"a\": 1, \"b\": 1, \"c\": 1, \"d\": 1}"))
                .isInstanceOfSatisfying(
                        RecordRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.TOO_MANY_FEATURES));
    }

    private static double valueOf(final HashedFeatures x, final String text) {
        return x.value(position(x, index(text, BITS)));
    }

    private static int position(final HashedFeatures x, final int index) {
        for (int k = 0; k < x.size(); k++) {
            if (x.index(k) == index) {
                return k;
            }
        }
        throw new AssertionError("no index " + index + " in " + x);
    }
}
