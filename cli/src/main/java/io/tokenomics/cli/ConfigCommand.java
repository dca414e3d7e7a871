package io.tokenomics.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Print the effective defaults and where each came from: an option, the environment, the "
                + "config file ${XDG_CONFIG_HOME:-~/.config}/tokenomics/config.properties, or built in (in that "
                + "order of precedence).",
            "The environment variables are TOKENOMICS_DATA, CLAUDE_CONFIG_DIR (comma-separated) and CODEX_HOME; TZ "
                + "sets the system zone, the built-in default, so a timezone in the file wins over it."},
        footer = {"", "Examples:", "  tokenomics config", "  tokenomics config --tz UTC --json",
            "", "A config.properties (every setting is optional):", "  data = ~/tokenomics-data",
            "  claude.roots = ~/.claude,~/work/.claude", "  codex.home = ~/.codex", "  timezone = Europe/Berlin",
            "  pricing = ~/model_prices_and_context_window.json",
            "  budget.monthly = 500", "  budget.session-limit = 20", "  user = alice", "  host = alice-laptop"})
final class ConfigCommand implements Callable<Integer> {
    @Mixin
    Settings settings;

    @Option(names = {"-z", "--tz", "--timezone"}, paramLabel = "ZONE",
            description = "A time zone, to see it win over the defaults.")
    String timeZone;

    @Option(names = {"-j", "--json"}, description = "JSON output.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** One line of the listing. */
    record Setting(String name, String value, String from) {
    }

    @Override
    public Integer call() throws Exception {
        Defaults defaults = settings.defaults();
        List<Setting> settingList = new ArrayList<>();
        for (Defaults.Key key : Defaults.Key.values()) {
            settingList.add(setting(defaults, key));
        }
        PrintWriter out = spec.commandLine().getOut();
        String file = defaults.file() + (defaults.fileRead() ? "" : " (none)");
        if (json) {
            ObjectNode root = JsonText.NODES.objectNode();
            root.put("configFile", defaults.file().toString());
            root.put("configFileRead", defaults.fileRead());
            ObjectNode values = root.putObject("settings");
            for (Setting s : settingList) {
                ObjectNode node = values.putObject(s.name());
                node.put("value", s.value());
                node.put("from", s.from());
            }
            out.println(JsonText.pretty(root));
        } else {
            out.println("Config file: " + file);
            out.println();
            List<String[]> rows = new ArrayList<>();
            for (Setting s : settingList) {
                rows.add(new String[] {s.name(), s.value() == null ? "-" : s.value(), s.from()});
            }
            TextTable.print(out, new String[] {"Setting", "Value", "From"}, rows, null, 3);
        }
        out.flush();
        return 0;
    }

    private Setting setting(Defaults defaults, Defaults.Key key) {
        String given = switch (key) {
            case DATA -> settings.dataGiven() ? settings.data.toString() : null;
            case PRICING -> given("--pricing") ? settings.pricing.toString() : null;
            case TIMEZONE -> given("--tz") ? timeZone : null;
            case HOST -> given("--host") ? settings.host : null;
            default -> null;
        };
        if (given != null) {
            return new Setting(key.property, given, Defaults.Source.OPTION.label + " " + key.option);
        }
        Defaults.Value value = defaults.value(key);
        String shown = value.value();
        if (key == Defaults.Key.TIMEZONE && shown == null) {
            shown = java.time.ZoneId.systemDefault().getId();
        }
        if (key == Defaults.Key.CLAUDE_ROOTS && shown != null) {
            shown = shown.replace(",", ", ");
        }
        String from = value.from();
        return new Setting(key.property, shown, from);
    }

    private boolean given(String option) {
        return !spec.findOption(option).originalStringValues().isEmpty();
    }
}
