using GridTrader.Exchanges.Simulation;

namespace GridTrader.Exchanges.Paper;

/// <summary>
/// Where a paper account is kept between runs. <see cref="SaveAsync"/> must be durable and atomic when it returns: after
/// a crash the store holds the previous account or the new one, never a mix.
/// </summary>
public interface IPaperAccountStore
{
    /// <summary>The last saved account, or null when none was ever saved.</summary>
    ValueTask<MatchingAccountState?> LoadAsync(CancellationToken ct = default);

    ValueTask SaveAsync(MatchingAccountState account, CancellationToken ct = default);
}
