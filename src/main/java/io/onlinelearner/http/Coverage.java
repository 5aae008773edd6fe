package io.onlinelearner.http;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Whether the instances, as the group's metadata names them, hold every partition of the model
 * store between them, and this instance runs the tasks the metadata gives it: only then does a
 * list gathered from them miss no model. The metadata follows the assignment, the tasks follow it
 * a moment later (during a two-step cooperative rebalance an instance is RUNNING before it has
 * created the tasks it was just given), so both are checked.
 */
final class Coverage {

    private Coverage() {}

    /**
     * @param owners the partitions of the store's input topics each instance holds, by its address
     *               (a port below 0: an instance without one, which cannot be asked)
     * @param self   this instance's address
     * @param local  the input partitions of this instance's active tasks
     * @return true when every topic's partitions 0..n-1 are held, every topic by the same count,
     *         by instances that can be asked, and this instance runs every partition given to it
     */
    static boolean complete(
            final Map<HostInfo, Set<TopicPartition>> owners, final HostInfo self, final Set<TopicPartition> local) {
        final Map<String, Set<Integer>> held = new HashMap<>();
        for (final Map.Entry<HostInfo, Set<TopicPartition>> owner : owners.entrySet()) {
            if (owner.getKey().port() < 0) {
                return false;
            }
            for (final TopicPartition partition : owner.getValue()) {
                if (owner.getKey().equals(self) && !local.contains(partition)) {
                    return false;
                }
                held.computeIfAbsent(partition.topic(), t -> new HashSet<>()).add(partition.partition());
            }
        }
        return !held.isEmpty()
                && held.values().stream().allMatch(Coverage::fromZero)
                && held.values().stream().mapToInt(Set::size).distinct().count() == 1;
    }

    private static boolean fromZero(final Set<Integer> partitions) {
        return partitions.size()
                == partitions.stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    }
}
