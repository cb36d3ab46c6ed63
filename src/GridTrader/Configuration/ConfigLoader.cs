using System.Reflection;
using GridTrader.Core.Configuration;
using GridTrader.Core.Grid;

namespace GridTrader.Configuration;

/// <summary>The configuration a command runs with, the problems found in it, and where it came from.</summary>
public sealed record LoadedConfig(GridTraderOptions Options, HostOptions Host, IReadOnlyList<ConfigProblem> Problems, string Source, Secrets Secrets)
{
    /// <summary>
    /// Configuration keys (<c>GridTrader:Risk:DryRun</c>) whose value came from a <c>GridTrader__*</c> variable of the
    /// environment or <c>.env</c>, not from the file: the settings editor never writes those into the file.
    /// </summary>
    public IReadOnlySet<string> EnvironmentKeys { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    public bool HasErrors => Problems.Any(p => !p.IsWarning);

    public IEnumerable<ConfigProblem> Errors => Problems.Where(p => !p.IsWarning);

    public IEnumerable<ConfigProblem> Warnings => Problems.Where(p => p.IsWarning);
}

/// <summary>
/// Loads configuration: a JSON file (<c>--config</c>, else <c>appsettings.json</c> in the working directory, else the
/// embedded safe default: simulated exchange on shipped data, dry-run on), then <c>GridTrader__*</c> variables from
/// <c>.env</c> and the environment. Secrets come only from the environment or <c>.env</c>; a secret found in the JSON
/// file is an error. Every problem is collected, none stops the collection.
/// </summary>
public static class ConfigLoader
{
    public const string DefaultResourceName = "GridTrader.defaults.gridtrader.default.json";
    private const string EnvPrefix = "GridTrader__";

    private static readonly string[] SecretKeyNames =
        ["ApiKey", "AccessKey", "ClientId", "Secret", "SecretKey", "Password", "BotToken", "Token", "WebhookUrl"];

    public static LoadedConfig Load(string? configPath, string? envFile = null, IDictionary<string, string?>? environment = null)
    {
        var problems = new List<ConfigProblem>();
        var environmentSources = EnvironmentSources.Read(envFile, environment, problems);
        var builder = new ConfigurationBuilder();
        string source;

        var path = configPath;
        if (path is null && File.Exists("appsettings.json")) path = "appsettings.json";
        if (path is not null)
        {
            var full = Path.GetFullPath(path);
            source = full;
            if (!File.Exists(full))
            {
                problems.Add(new ConfigProblem("--config", $"file not found: {full}"));
                return new LoadedConfig(DefaultOptions(), new HostOptions(), problems, source, environmentSources.Secrets());
            }

            try
            {
                var json = new ConfigurationBuilder().AddJsonFile(full, optional: false, reloadOnChange: false).Build();
                CheckNoSecrets(json, full, problems);
                builder.AddConfiguration(json);
            }
            catch (Exception ex) when (ex is InvalidDataException or FormatException or IOException or UnauthorizedAccessException)
            {
                problems.Add(new ConfigProblem("--config", $"{full} is not valid JSON: {Inner(ex).Message}"));
                return new LoadedConfig(DefaultOptions(), new HostOptions(), problems, source, environmentSources.Secrets());
            }
        }
        else
        {
            source = "embedded default (simulated exchange, dry-run)";
            builder.AddJsonStream(OpenDefault());
        }

        return Complete(builder, source, problems, environmentSources);
    }

    /// <summary>
    /// Loads a configuration given as JSON text (a proposed edit of the file), with the same environment overrides,
    /// secret checks and validation as <see cref="Load"/>. <paramref name="source"/> names it in messages.
    /// </summary>
    public static LoadedConfig LoadJson(string json, string source, string? envFile = null, IDictionary<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        var problems = new List<ConfigProblem>();
        var environmentSources = EnvironmentSources.Read(envFile, environment, problems);
        var builder = new ConfigurationBuilder();
        try
        {
            var parsed = new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();
            CheckNoSecrets(parsed, source, problems);
            builder.AddConfiguration(parsed);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            problems.Add(new ConfigProblem("(json)", $"not valid JSON: {Inner(ex).Message}"));
            return new LoadedConfig(DefaultOptions(), new HostOptions(), problems, source, environmentSources.Secrets());
        }

        return Complete(builder, source, problems, environmentSources);
    }

    private static LoadedConfig Complete(ConfigurationBuilder builder, string source, List<ConfigProblem> problems, EnvironmentSources environment)
    {
        builder.AddInMemoryCollection(environment.Overrides());
        var configuration = builder.Build();
        var root = configuration.GetSection(GridTraderOptions.SectionName);
        var options = Bind(root, problems);
        var host = BindHost(root, problems);
        var secrets = environment.Secrets();
        problems.AddRange(ConfigValidator.Validate(options,
            new ConfigValidator.SecretsPresent(secrets.FiriApiKey is not null, secrets.FiriClientId is not null, secrets.FiriSecretKey is not null)));
        problems.AddRange(HostOptionsValidator.Validate(host));
        return new LoadedConfig(options, host, problems, source, secrets)
        {
            EnvironmentKeys = new HashSet<string>(environment.Overrides().Keys, StringComparer.OrdinalIgnoreCase),
        };
    }

    /// <summary>The process environment over <c>.env</c>: where secrets and <c>GridTrader__</c> overrides come from.</summary>
    private sealed record EnvironmentSources(Dictionary<string, string> DotEnv, IDictionary<string, string?> Environment)
    {
        public static EnvironmentSources Read(string? envFile, IDictionary<string, string?>? environment, List<ConfigProblem> problems) =>
            new(ReadDotEnv(envFile, problems), environment ?? ReadProcessEnvironment());

        // Real environment variables win over .env.
        private string? Lookup(string name) =>
            Environment.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v : DotEnv.GetValueOrDefault(name);

        public Secrets Secrets() => Configuration.Secrets.FromEnvironment(Lookup);

        /// <summary><c>GridTrader__</c> variables as configuration keys: <c>.env</c> first, the real environment over it.</summary>
        public Dictionary<string, string?> Overrides()
        {
            var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in DotEnv.Concat(Environment.Where(kv => kv.Value is not null)
                         .Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!))))
            {
                if (key.StartsWith(EnvPrefix, StringComparison.OrdinalIgnoreCase))
                    overrides[key.Replace("__", ":", StringComparison.Ordinal)] = value;
            }

            return overrides;
        }
    }

    /// <summary>The embedded default configuration, as shipped.</summary>
    public static string DefaultJson()
    {
        using var reader = new StreamReader(OpenDefault());
        return reader.ReadToEnd();
    }

    private static Stream OpenDefault() =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream(DefaultResourceName)
        ?? throw new InvalidOperationException($"Embedded resource {DefaultResourceName} is missing from the build.");

    private static GridTraderOptions DefaultOptions() => new() { Markets = [] };

    private static readonly Action<BinderOptions> Strict = b => b.ErrorOnUnknownConfiguration = true;

    private static void BindSection(IConfigurationSection root, string name, object target, List<ConfigProblem> problems)
    {
        var section = root.GetSection(name);
        if (!section.Exists()) return;
        try
        {
            section.Bind(target, Strict);
        }
        catch (InvalidOperationException ex)
        {
            problems.Add(new ConfigProblem(section.Path, Describe(ex)));
        }
    }

    private static HostOptions BindHost(IConfigurationSection root, List<ConfigProblem> problems)
    {
        var host = new HostOptions();
        BindSection(root, "Dashboard", host.Dashboard, problems);
        BindSection(root, "Notifications", host.Notifications, problems);
        return host;
    }

    private static GridTraderOptions Bind(IConfigurationSection root, List<ConfigProblem> problems)
    {
        var options = new GridTraderOptions();
        var strict = Strict;
        void BindSection(string name, object target) => ConfigLoader.BindSection(root, name, target, problems);

        foreach (var key in new[] { "Mode", "DataDirectory" })
        {
            var value = root[key];
            if (value is null) continue;
            if (key == "Mode") options.Mode = value.Trim().ToLowerInvariant();
            else options.DataDirectory = value;
        }

        foreach (var child in root.GetChildren())
        {
            if (child.Key is not ("Mode" or "DataDirectory" or "Exchange" or "Reference" or "Simulation" or "Grid" or "Markets" or "Risk"
                or "Engine" or "Dashboard" or "Notifications"))
                problems.Add(new ConfigProblem(child.Path, "is not a known setting (check the spelling against config.example.json)."));
        }

        BindSection("Exchange", options.Exchange);
        BindSection("Reference", options.Reference);
        BindSection("Simulation", options.Simulation);
        BindSection("Risk", options.Risk);
        BindSection("Engine", options.Engine);

        var grid = new GridSettings();
        BindSection("Grid", grid);
        options.Grid = grid;

        var markets = root.GetSection("Markets");
        foreach (var child in markets.GetChildren().OrderBy(c => int.TryParse(c.Key, out var i) ? i : int.MaxValue))
        {
            var market = new MarketOptions();
            var marketGrid = grid with { };
            try
            {
                foreach (var field in child.GetChildren())
                {
                    if (field.Key.Equals("Grid", StringComparison.OrdinalIgnoreCase))
                    {
                        try
                        {
                            field.Bind(marketGrid, strict);
                        }
                        catch (InvalidOperationException ex)
                        {
                            problems.Add(new ConfigProblem(field.Path, Describe(ex)));
                        }
                    }
                }

                var withoutGrid = new ConfigurationBuilder()
                    .AddInMemoryCollection(child.AsEnumerable(makePathsRelative: true)
                        .Where(kv => kv.Value is not null && !IsGridKey(kv.Key)))
                    .Build();
                withoutGrid.Bind(market, strict);
            }
            catch (InvalidOperationException ex)
            {
                problems.Add(new ConfigProblem(child.Path, Describe(ex)));
            }

            market.Symbol = (market.Symbol ?? "").Trim().ToUpperInvariant();
            market.Grid = marketGrid with { FeeRate = child.GetSection("Grid:FeeRate").Exists() ? marketGrid.FeeRate : options.Exchange.FeeRate };
            options.Markets.Add(market);
        }

        // The exchange's fee is the grid's fee unless a grid says otherwise.
        if (!root.GetSection("Grid:FeeRate").Exists()) options.Grid = options.Grid with { FeeRate = options.Exchange.FeeRate };
        return options;
    }

    /// <summary>A market's <c>Grid</c> block (bound above); any other key, "GridLevels" included, is bound (or refused) as a market setting.</summary>
    private static bool IsGridKey(string relativeKey) =>
        relativeKey.Equals("Grid", StringComparison.OrdinalIgnoreCase) || relativeKey.StartsWith("Grid:", StringComparison.OrdinalIgnoreCase);

    private static string Describe(Exception ex)
    {
        var message = Inner(ex).Message;
        return message.Replace("Failed to convert configuration value", "cannot use the value", StringComparison.Ordinal);
    }

    private static Exception Inner(Exception ex)
    {
        // Keep the binder's own message (it names the key); only unwrap parse errors of the JSON provider.
        return ex is InvalidDataException && ex.InnerException is not null ? ex.InnerException : ex;
    }

    private static void CheckNoSecrets(IConfiguration json, string file, List<ConfigProblem> problems)
    {
        foreach (var (key, value) in json.AsEnumerable())
        {
            if (string.IsNullOrEmpty(value)) continue;
            var leaf = key[(key.LastIndexOf(':') + 1)..];
            if (SecretKeyNames.Any(s => leaf.Equals(s, StringComparison.OrdinalIgnoreCase)))
                problems.Add(new ConfigProblem(key,
                    $"secrets do not belong in {Path.GetFileName(file)}; set {Secrets.ClientIdVariable}, {Secrets.SecretKeyVariable} (and friends) in the environment or .env."));
        }
    }

    private static Dictionary<string, string> ReadDotEnv(string? envFile, List<ConfigProblem> problems)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = envFile ?? ".env";
        if (!File.Exists(path))
        {
            if (envFile is not null) problems.Add(new ConfigProblem("--env-file", $"file not found: {Path.GetFullPath(envFile)}"));
            return result;
        }

        try
        {
            foreach (var (key, value) in DotNetEnv.Env.Load(path, new DotNetEnv.LoadOptions(setEnvVars: false, clobberExistingVars: false, onlyExactPath: true)))
                result[key] = value;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The parser's message may quote the offending line, which can hold a secret: do not repeat it.
            problems.Add(new ConfigProblem(".env", $"{Path.GetFullPath(path)} could not be parsed ({ex.GetType().Name}); expected KEY=value lines."));
        }

        return result;
    }

    private static Dictionary<string, string?> ReadProcessEnvironment()
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
            result[(string)e.Key] = e.Value as string;
        return result;
    }
}
