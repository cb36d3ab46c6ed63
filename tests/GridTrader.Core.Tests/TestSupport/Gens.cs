using FsCheck;
using FsCheck.Fluent;

namespace GridTrader.Core.Tests.TestSupport;

/// <summary>Generators for the property tests.</summary>
internal static class Gens
{
    /// <summary>A decimal of <paramref name="scale"/> places between <paramref name="minUnits"/> and <paramref name="maxUnits"/> units of the last place.</summary>
    public static Gen<decimal> Decimal(int minUnits, int maxUnits, byte scale) =>
        Gen.Choose(minUnits, maxUnits).Select(units => new decimal(units, 0, 0, false, scale));

    public static Gen<bool> Chance(int percent) =>
        Gen.Choose(1, 100).Select(roll => roll <= percent);
}
