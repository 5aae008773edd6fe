package io.onlinelearner.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.features.FeatureHash;
import io.onlinelearner.features.FeatureNames;
import io.onlinelearner.features.HashingConfig;
import io.onlinelearner.features.Interaction;
import io.onlinelearner.features.TaughtRecords;
import io.onlinelearner.model.HashedFeatures;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The layout of version 2: interaction texts as references, and values of version 1 still read. */
class NamesFormatTest {

    private static final HashingConfig WORKED =
            new HashingConfig(10, 0, Interaction.parseAll("user:item"), true, 2, 10_000);
    private static final String RECORD = "{\"hour\": 0.25, \"mobile\": true, \"promo\": \"spring\","
            + " \"user\": {\"id\": \"u10\", \"tenure\": 1.5}, \"item\": {\"cat\": \"books\", \"price\": 12}}";

    @Test
    void shouldKeepTheWorkedExamplesFourInteractionsAsReferences() {
        final HashedFeatures x = TaughtRecords.read(WORKED, RECORD);
        final byte[] value = NamesFormat.learn(null, x, 2);
        final FeatureNames names = NamesFormat.decode(value);
        assertThat(names).isEqualTo(FeatureNames.NONE.seen(x, 2));
        assertThat(names.names(833)).containsExactly("user^id=u10*item^cat=books");
        assertThat(names.names(944)).containsExactly("user^tenure*item^price");
        final byte[] literals = NamesFormat.encode(names);
        final int references = NamesFormat.reference(737, 0, 882, 0).length
                + NamesFormat.reference(737, 0, 108, 0).length
                + NamesFormat.reference(564, 0, 882, 0).length
                + NamesFormat.reference(564, 0, 108, 0).length;
        assertThat(references).isEqualTo(7 + 6 + 7 + 6);
        assertThat(literals.length - value.length)
                .as("four texts of 22 to 26 bytes as references of 6 or 7")
                .isEqualTo(literalBytes(
                                "user^id=u10*item^cat=books",
                                "user^id=u10*item^price",
                                "user^tenure*item^cat=books",
                                "user^tenure*item^price")
                        - references);
    }

    @Test
    void shouldReferToPartsTaughtByEarlierRecordsInTheBaseAndInTheRecentTexts() {
        final HashedFeatures first =
                TaughtRecords.read(WORKED, "{\"user\": {\"id\": \"u10\"}, \"item\": {\"price\": 2}}");
        final byte[] base = NamesFormat.learn(null, first, 2);
        final HashedFeatures second = TaughtRecords.read(WORKED, RECORD);
        final byte[] recent = NamesFormat.learn(base, null, second, 2);
        final FeatureNames both = FeatureNames.NONE.seen(first, 2).seen(second, 2);
        assertThat(NamesFormat.decode(NamesFormat.merge(base, recent))).isEqualTo(both);
        assertThat(NamesFormat.merge(base, recent).length)
                .as("u10 of the base and cat of the recent texts joined by reference, and the others")
                .isLessThan(NamesFormat.encode(both).length - 3 * 15);
        assertThat(NamesFormat.learn(base, recent, second, 2)).isSameAs(recent);
        assertThat(NamesFormat.learn(NamesFormat.merge(base, recent), null, second, 2))
                .isNull();
    }

    @Test
    void shouldFindAFeatureNamedLikeAnInteractionKeptAsAReferenceAtTheSameIndex() {
        final HashingConfig config = new HashingConfig(4, 0, Interaction.parseAll(":b"), true, 2, 10_000);
        String name = null;
        for (int i = 0; name == null; i++) {
            final int interaction = FeatureHash.combine(FeatureHash.hash("a" + i, 0), FeatureHash.hash("b^c", 0));
            if (FeatureHash.index(interaction, 4) == FeatureHash.index(FeatureHash.hash("a" + i + "*b^c", 0), 4)) {
                name = "a" + i;
            }
        }
        final HashedFeatures crossed = TaughtRecords.read(config, "{\"" + name + "\": 1, \"b\": {\"c\": 1}}");
        final HashedFeatures named = TaughtRecords.read(config, "{\"" + name + "*b^c\": 1}");
        final byte[] base = NamesFormat.learn(null, crossed, 2);
        assertThat(base.length)
                .as("the interaction kept as a reference")
                .isLessThan(NamesFormat.encode(NamesFormat.decode(base)).length);
        assertThat(NamesFormat.learn(base, null, named, 2))
                .as("the same text, already kept")
                .isNull();
        final byte[] first = NamesFormat.learn(null, named, 2);
        final byte[] then = NamesFormat.learn(first, null, crossed, 2);
        assertThat(NamesFormat.decode(NamesFormat.merge(first, then)))
                .as("the other way round: the interaction's text already kept as a literal")
                .isEqualTo(FeatureNames.NONE.seen(named, 2).seen(crossed, 2));
    }

    @Test
    void shouldReadVersion1AndWriteWhatARecordTeachesInVersion2() throws IOException {
        final byte[] v1 = version1(new int[] {5, 737}, List.of(List.of("a", "ü"), List.of("user^id=u10")));
        assertThat(NamesFormat.decode(v1).names(5)).containsExactly("a", "ü");
        assertThat(NamesFormat.names(v1, 737)).containsExactly("user^id=u10");
        final HashedFeatures x = TaughtRecords.read(WORKED, RECORD);
        final byte[] recent = NamesFormat.learn(v1, null, x, 2);
        assertThat(recent[0]).isEqualTo(NamesFormat.VERSION);
        final FeatureNames expected = NamesFormat.decode(v1).seen(x, 2);
        assertThat(NamesFormat.decode(NamesFormat.merge(v1, recent))).isEqualTo(expected);
        assertThat(NamesFormat.merge(v1, recent)[0]).isEqualTo(NamesFormat.VERSION);
        assertThat(NamesFormat.learn(null, v1, x, 2)[0]).isEqualTo(NamesFormat.VERSION);
        assertThatThrownBy(() -> NamesFormat.decode(java.util.Arrays.copyOf(v1, v1.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseAReferenceToATextThatIsNotThereOrIsItselfAReference() {
        final byte[] dangling = value(3, NamesFormat.reference(7, 0, 3, 0));
        assertThatThrownBy(() -> NamesFormat.decode(dangling))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 7");
        final byte[] chained = new NamesView(null)
                .with(List.of(
                        new NamesWriter.Added(1, -1, new byte[0], 0, NamesFormat.literal(bytes("a")), 1),
                        new NamesWriter.Added(2, -1, new byte[0], 0, NamesFormat.reference(1, 0, 1, 0), 1),
                        new NamesWriter.Added(3, -1, new byte[0], 0, NamesFormat.reference(2, 0, 1, 0), 1)));
        assertThat(NamesFormat.names(chained, 2)).containsExactly("a*a");
        assertThatThrownBy(() -> NamesFormat.names(chained, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a reference to a reference");
        final byte[] beyond = value(3, NamesFormat.reference(3, 1, 3, 0));
        assertThatThrownBy(() -> NamesFormat.decode(beyond))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("which has fewer");
    }

    private static byte[] value(final int index, final byte[] entry) {
        return new NamesView(null).with(List.of(new NamesWriter.Added(index, -1, new byte[0], 0, entry, 1)));
    }

    private static int literalBytes(final String... texts) {
        int bytes = 0;
        for (final String text : texts) {
            bytes += NamesFormat.literal(bytes(text)).length;
        }
        return bytes;
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A value in the layout of version 1, as learners before 2026-12-07 wrote it. */
    private static byte[] version1(final int[] indices, final List<List<String>> texts) throws IOException {
        final ByteArrayOutputStream area = new ByteArrayOutputStream();
        final DataOutputStream areaOut = new DataOutputStream(area);
        final int[] starts = new int[indices.length + 1];
        for (int k = 0; k < indices.length; k++) {
            starts[k] = area.size();
            areaOut.writeInt(texts.get(k).size());
            for (final String text : texts.get(k)) {
                areaOut.writeInt(bytes(text).length);
                areaOut.write(bytes(text));
            }
        }
        starts[indices.length] = area.size();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final DataOutputStream data = new DataOutputStream(out);
        data.writeByte(1);
        data.writeInt(indices.length);
        for (final int index : indices) {
            data.writeInt(index);
        }
        for (final int start : starts) {
            data.writeInt(start);
        }
        data.write(area.toByteArray());
        return out.toByteArray();
    }
}
