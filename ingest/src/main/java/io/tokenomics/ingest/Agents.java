package io.tokenomics.ingest;

import io.tokenomics.ingest.source.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The agents whose logs the ingest reads, as its registry lists them: each agent's name (the {@code agent} column's
 * value) and where its logs are by default. An agent added to the registry appears here with nothing else to change.
 */
public final class Agents {
    private Agents() {
    }

    /**
     * One agent.
     *
     * @param name the agent's name, as the {@code agent} column holds it and {@code --agent} takes it
     * @param defaultRoots where its logs are by default, as {@link Source#defaultRoots} says for this environment
     */
    public record Agent(String name, List<Path> defaultRoots) {
        public Agent {
            defaultRoots = List.copyOf(defaultRoots);
        }
    }

    /** Every agent, by name, with its default roots under {@code user.home} and the environment's variables. */
    public static List<Agent> all(Map<String, String> environment) {
        Path home = Path.of(System.getProperty("user.home"));
        List<Agent> agents = new ArrayList<>();
        for (Source source : Sources.ALL) {
            agents.add(new Agent(source.agent(), source.defaultRoots(environment, home)));
        }
        agents.sort(Comparator.comparing(Agent::name));
        return agents;
    }

    /** The agents' names, in alphabetical order. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Source source : Sources.ALL) {
            names.add(source.agent());
        }
        names.sort(null);
        return names;
    }
}
