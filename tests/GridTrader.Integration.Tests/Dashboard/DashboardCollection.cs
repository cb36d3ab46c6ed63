namespace GridTrader.Integration.Tests.Dashboard;

/// <summary>The end-to-end dashboard tests run one after another: each runs a whole bot, and CI machines have few cores.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection
{
    public const string Name = "Dashboard end to end";
}
